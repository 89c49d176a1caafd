import { useSyncExternalStore } from 'react';
import { delegationNames, type DelegationNames } from './delegationNames.js';

/** The page's delegation names, re-rendering the component when they arrive. */
export function useDelegationNames(): DelegationNames {
  useSyncExternalStore(delegationNames.subscribe, delegationNames.version);
  return delegationNames;
}
