import { useEffect, useState, useSyncExternalStore } from 'react';
import { INITIAL_CONNECTION_STATE, type ConnectionState } from './ConnectionState.js';
import { openDraftConnection, type DraftConnection } from './DraftConnection.js';

const NO_SUBSCRIPTION = () => () => {};

/**
 * Opens the draft's document and socket for as long as the page shows it. Created inside an effect, so
 * React StrictMode's mount-unmount-mount leaves exactly one live provider, and a new draft id gets a fresh
 * document (never the previous draft's). Returns null until the connection exists.
 */
export function useDraftConnection(draftId: string | null): { connection: DraftConnection | null; state: ConnectionState } {
  const [connection, setConnection] = useState<DraftConnection | null>(null);

  useEffect(() => {
    if (!draftId) return;
    const opened = openDraftConnection(draftId);
    setConnection(opened);
    return () => {
      setConnection((current) => (current === opened ? null : current));
      opened.destroy();
    };
  }, [draftId]);

  const state = useSyncExternalStore(
    connection ? connection.subscribe : NO_SUBSCRIPTION,
    connection ? connection.getState : () => INITIAL_CONNECTION_STATE,
  );
  return { connection, state };
}
