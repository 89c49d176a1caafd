import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { CLOSE_CODE, CLOSE_CODE_MESSAGE, closeCodeName } from '../../../shared/collab/closeCodes.js';
import { INITIAL_CONNECTION_STATE, type ConnectionState } from './ConnectionState.js';
import { openDraftConnection, type DraftConnection } from './DraftConnection.js';

const NO_SUBSCRIPTION = () => () => {};

/** The close codes after which the page opens the draft afresh rather than stopping (see useDraftConnection). */
const REOPEN_CODES: ReadonlySet<number> = new Set([CLOSE_CODE.EDIT_REFUSED, CLOSE_CODE.ACCESS_CHANGED]);

/** Why the page reopened the draft: the server refused one of this page's changes. */
export interface EditRefusal {
  /** The server's reason for refusing (the close frame's reason), '' when it gave none. */
  reason: string;
  /** What happened, in the page's words (CLOSE_CODE_MESSAGE.EDIT_REFUSED). */
  message: string;
}

export interface DraftConnectionHandle {
  /** Null until the connection exists. */
  connection: DraftConnection | null;
  state: ConnectionState;
  /** Set after the page reopened the draft because the server refused a change; null otherwise or once dismissed. */
  refusal: EditRefusal | null;
  dismissRefusal: () => void;
}

/**
 * Opens the draft's document and socket for as long as the page shows it. Created inside an effect, so
 * React StrictMode's mount-unmount-mount leaves exactly one live provider, and a new draft id gets a fresh
 * document (never the previous draft's).
 *
 * When the server refuses one of this page's changes (CLOSE_CODE.EDIT_REFUSED: it edits an agreed clause,
 * or a delegate's change in amendments mode is not a proposal) the refused change is in this page's
 * document only, and would be sent again on every reconnect. So instead of the final "reload the page"
 * state of other refusals, the draft is opened afresh: a new document and socket, which take the server's
 * text; the page keeps showing the old one until the new one has synced (no blank page, no lost scroll),
 * then swaps them and frees the old one. `refusal` says why until dismissed. Changes the old document had
 * not sent yet are lost with it, as the notice says.
 *
 * The draft is opened afresh the same way, without a notice, when it is archived or restored while open
 * (CLOSE_CODE.ACCESS_CHANGED): the new socket gets the new permission, and a change typed just before the
 * archiving, which the server dropped, is not sent again after a restore. The page learns that the draft
 * is archived from its event stream (useLiveDraftSummary) and says so itself.
 */
export function useDraftConnection(draftId: string | null): DraftConnectionHandle {
  const [connection, setConnection] = useState<DraftConnection | null>(null);
  const [refusal, setRefusal] = useState<EditRefusal | null>(null);

  useEffect(() => {
    if (!draftId) return;
    const open = new Set<DraftConnection>();
    const stops = new Set<() => void>();
    const watch = (watched: DraftConnection) => {
      const stop = watched.subscribe(() => {
        const state = watched.getState();
        if (state.refusedWith === null || !REOPEN_CODES.has(state.refusedWith)) return;
        stop();
        stops.delete(stop);
        if (state.refusedWith === CLOSE_CODE.EDIT_REFUSED) {
          setRefusal({ reason: shownReason(state.refusalReason), message: CLOSE_CODE_MESSAGE.EDIT_REFUSED });
        }
        reopen(watched);
      });
      stops.add(stop);
    };
    const reopen = (refused: DraftConnection) => {
      const fresh = connect();
      const stop = fresh.subscribe(() => {
        const state = fresh.getState();
        if (!state.everSynced && state.refusedWith === null) return;
        stop();
        stops.delete(stop);
        setConnection(fresh);
        open.delete(refused);
        refused.destroy();
      });
      stops.add(stop);
    };
    const connect = () => {
      const opened = openDraftConnection(draftId);
      open.add(opened);
      watch(opened);
      return opened;
    };
    setConnection(connect());
    return () => {
      for (const stop of stops) stop();
      setConnection((current) => (current && open.has(current) ? null : current));
      for (const opened of open) opened.destroy();
      setRefusal(null);
    };
  }, [draftId]);

  const raw = useSyncExternalStore(
    connection ? connection.subscribe : NO_SUBSCRIPTION,
    connection ? connection.getState : () => INITIAL_CONNECTION_STATE,
  );
  const dismissRefusal = useCallback(() => setRefusal(null), []);
  return { connection, state: reopening(raw), refusal, dismissRefusal };
}

/**
 * While the refused document is still shown and the fresh one syncs, the page is reconnecting rather than
 * refused: no "reload the page" error, and nothing unsaved worth a warning (the refused change is dropped).
 */
function reopening(state: ConnectionState): ConnectionState {
  if (state.refusedWith === null || !REOPEN_CODES.has(state.refusedWith)) return state;
  return { ...state, refusedWith: null, refusalReason: '', socket: 'connecting', synced: false, saved: true };
}

/**
 * The server's reason as a sentence worth showing: the server sends "EDIT_REFUSED: <why>"; the code's name
 * says nothing more to a person, so it goes, and '' when nothing else is left.
 */
export function shownReason(reason: string): string {
  const name = closeCodeName(CLOSE_CODE.EDIT_REFUSED) ?? '';
  let why = reason.trim();
  if (why.startsWith(name)) why = why.slice(name.length).replace(/^[\s:]+/, '');
  if (why === '') return '';
  why = why.charAt(0).toUpperCase() + why.slice(1);
  return /[.!?…]$/.test(why) ? why : `${why}.`;
}
