import { CLOSE_CODE_MESSAGE, closeCodeName } from '../../../shared/collab/closeCodes.js';
import type { ConnectionState } from './ConnectionState.js';

/** The save indicator's words and tone. */
export interface ConnectionDescription {
  tone: 'pending' | 'ok' | 'offline' | 'refused';
  /** The short status text ("All changes saved"). */
  label: string;
  /** Why, when the server closed the connection with a code (from shared/collab/closeCodes.ts). */
  detail: string | null;
}

/**
 * Turns the connection state into what the page says. It never claims "saved" before the server said
 * so: "All changes saved" needs the server's word that everything in this page's document is on disk.
 * Reviewers cannot change anything, so they are told whether they are following live instead.
 */
export function describeConnection(state: ConnectionState, readOnly: boolean): ConnectionDescription {
  if (state.refusedWith !== null) {
    return { tone: 'refused', label: 'Not connected', detail: closeCodeText(state.refusedWith) };
  }
  const detail = state.retryingAfter !== null ? closeCodeText(state.retryingAfter) : null;
  if (!state.everSynced) return { tone: 'pending', label: 'Connecting…', detail };
  if (state.socket !== 'connected') {
    return { tone: 'offline', label: readOnly ? 'Offline: reconnecting…' : 'Offline: changes kept in this browser', detail };
  }
  if (readOnly) return { tone: state.synced ? 'ok' : 'pending', label: state.synced ? 'Following live' : 'Connecting…', detail: null };
  return state.saved ? { tone: 'ok', label: 'All changes saved', detail: null } : { tone: 'pending', label: 'Saving…', detail: null };
}

/** The plain-words message for a close code; a generic one for codes this page does not know. */
export function closeCodeText(code: number): string {
  const name = closeCodeName(code);
  return name ? CLOSE_CODE_MESSAGE[name] : `The connection to the server was closed (code ${code}).`;
}
