import type * as Y from 'yjs';
import { useYjsVersion } from './useYjsVersion.js';

/** The live string of a Y.Text (a clause heading), re-rendering when anyone changes it. */
export function useYTextValue(text: Y.Text | null): string {
  useYjsVersion(text);
  return text ? text.toString() : '';
}
