import type * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../shared/collab/messageTypes.js';
import { encodeSavedSubscribe, readSavedMessage } from '../../shared/collab/savedProtocol.js';
import { readClause } from '../../shared/doc/readClause.js';
import { openCollabClient, registerTeardown, type CollabClient } from './collabClient.js';
import type { TestServer } from './testServer.js';

/** One marker typed by a typist, with the typist's Yjs clock right after it: saved once the server reports that clock durable. */
export interface TypedMarker {
  marker: string;
  clock: number;
  /** performance.now() when it was typed. */
  at: number;
}

export interface SavedTypist {
  client: CollabClient;
  /** Every marker typed so far, in order. */
  readonly typed: readonly TypedMarker[];
  /** The highest clock of this client that the server has reported durable (MESSAGE_SAVED). */
  readonly savedClock: number;
  /** Types one marker now (followed by `filler`, if given) at the end of the typist's clause. */
  typeOne(): void;
  /** Types one marker every `periodMs` until stop(). */
  start(periodMs: number): void;
  stop(): void;
  /** The markers the server has reported saved. */
  savedMarkers(): string[];
  /** The markers not (yet) reported saved. */
  unsavedMarkers(): TypedMarker[];
  /** True when everything this client typed is reported saved. */
  allSaved(): boolean;
}

export interface SavedTypistOptions {
  draftId: string;
  cookie: string;
  /** The clause whose first paragraph the typist appends to (it must have a text run, e.g. from addClause with a non-empty paragraph). */
  clauseId: string;
  /** Letters that start every marker of this typist: `[<tag>-<n>]`. */
  tag: string;
  /** Text typed after each marker, e.g. a large block to make the log grow fast. @default '' */
  filler?: string;
}

/**
 * A y-websocket client that types numbered markers into one clause and listens to the saved notifications
 * (shared/collab/savedProtocol.ts) the way the editor does, so a test can tell exactly which markers the
 * server had promised were on disk at any moment, e.g. when it is killed.
 */
export async function openSavedTypist(target: TestServer, options: SavedTypistOptions): Promise<SavedTypist> {
  const client = await openCollabClient(target, { draftId: options.draftId, cookie: options.cookie });
  const { provider, doc } = client;
  const typed: TypedMarker[] = [];
  let savedClock = 0;
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder: unknown, decoder: decoding.Decoder) => {
    savedClock = Math.max(savedClock, readSavedMessage(decoder).stateVector.get(doc.clientID) ?? 0);
  };
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') provider.ws?.send(encodeSavedSubscribe());
  });
  provider.ws?.send(encodeSavedSubscribe());
  const clause = readClause(doc, options.clauseId);
  if (!clause) throw new Error(`no clause ${options.clauseId} in the typist's document`);
  const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  let timer: NodeJS.Timeout | null = null;
  const typeOne = () => {
    const marker = `[${options.tag}-${typed.length}]`;
    text.insert(text.length, marker + (options.filler ?? ''));
    typed.push({ marker, clock: Y.getState(doc.store, doc.clientID), at: performance.now() });
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  registerTeardown(stop);
  return {
    client,
    typed,
    get savedClock() {
      return savedClock;
    },
    typeOne,
    start(periodMs) {
      stop();
      timer = setInterval(typeOne, periodMs);
    },
    stop,
    savedMarkers: () => typed.filter((t) => t.clock <= savedClock).map((t) => t.marker),
    unsavedMarkers: () => typed.filter((t) => t.clock > savedClock),
    allSaved: () => savedClock >= Y.getState(doc.store, doc.clientID),
  };
}
