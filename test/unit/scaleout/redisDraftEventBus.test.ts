import { describe, expect, it } from 'vitest';
import type { DraftEvent } from '../../../shared/api/events.js';
import { decodeWireEvent, EVENTS_TOPIC, RedisDraftEventBus, type EventTransport } from '../../../server/scaleout/RedisDraftEventBus.js';

const DRAFT = 'draftAAAAAAAAAAA';
const OTHER = 'draftBBBBBBBBBBB';
const deleted: DraftEvent = { type: 'version.deleted', versionId: 'versionAAAAAAAAA' };
const withdrawn: DraftEvent = {
  type: 'position.withdrawn',
  clauseId: 'clauseAAAAAAAAAA',
  delegationId: 'delegAAAAAAAAAAA',
  at: '2026-01-05T09:00:00.000Z',
};

/** A transport that records what is published and lets the test deliver messages "from another process". */
function fakeTransport() {
  const published: Array<{ topic: string; payload: Buffer }> = [];
  const handlers = new Map<string, (payload: Buffer) => void>();
  const transport: EventTransport = {
    publish: (topic, payload) => void published.push({ topic, payload: Buffer.from(payload) }),
    subscribe: async (topic, handler) => void handlers.set(topic, handler),
  };
  const fromElsewhere = (payload: string | Buffer) =>
    handlers.get(EVENTS_TOPIC)!(Buffer.isBuffer(payload) ? payload : Buffer.from(payload));
  return { transport, published, fromElsewhere };
}

function listen(bus: RedisDraftEventBus) {
  const onDraft: DraftEvent[] = [];
  const onWorkspace: Array<[string, DraftEvent]> = [];
  bus.subscribe(DRAFT, (event) => onDraft.push(event));
  bus.subscribeAll((draftId, event) => onWorkspace.push([draftId, event]));
  return { onDraft, onWorkspace };
}

describe('RedisDraftEventBus', () => {
  it('delivers a published event here at once and publishes it on the events topic', () => {
    const { transport, published } = fakeTransport();
    const bus = new RedisDraftEventBus(transport, { warn: () => undefined, error: () => undefined });
    const { onDraft, onWorkspace } = listen(bus);
    bus.publish(DRAFT, deleted);
    expect(onDraft).toEqual([deleted]);
    expect(onWorkspace).toEqual([[DRAFT, deleted]]);
    expect(published.map((m) => m.topic)).toEqual([EVENTS_TOPIC]);
    expect(decodeWireEvent(published[0]!.payload)).toEqual({ draftId: DRAFT, event: deleted });
  });

  it('delivers another process’s events to the draft’s and the workspace’s listeners, without publishing them again', () => {
    const { transport, published, fromElsewhere } = fakeTransport();
    const bus = new RedisDraftEventBus(transport, { warn: () => undefined, error: () => undefined });
    const { onDraft, onWorkspace } = listen(bus);
    fromElsewhere(JSON.stringify({ draftId: DRAFT, event: withdrawn }));
    fromElsewhere(JSON.stringify({ draftId: OTHER, event: deleted }));
    expect(onDraft).toEqual([withdrawn]);
    expect(onWorkspace).toEqual([
      [DRAFT, withdrawn],
      [OTHER, deleted],
    ]);
    expect(published).toEqual([]);
  });

  it('drops what does not decode as a draft id and a valid event, and logs it (at most every few seconds)', () => {
    const { transport, fromElsewhere } = fakeTransport();
    const warnings: string[] = [];
    const bus = new RedisDraftEventBus(transport, { warn: (message) => void warnings.push(message), error: () => undefined });
    const { onDraft, onWorkspace } = listen(bus);
    for (const payload of [
      Buffer.from([0xff, 0x00, 0x12]),
      'not json',
      'null',
      '[1,2]',
      JSON.stringify({ draftId: DRAFT }),
      JSON.stringify({ draftId: '../etc', event: deleted }),
      JSON.stringify({ draftId: DRAFT, event: { type: 'draft.exploded' } }),
      JSON.stringify({ draftId: DRAFT, event: { type: 'version.deleted', versionId: 42 } }),
    ]) {
      fromElsewhere(payload);
    }
    expect(onDraft).toEqual([]);
    expect(onWorkspace).toEqual([]);
    expect(warnings).toHaveLength(1);
    // A good event after the bad ones still gets through.
    fromElsewhere(JSON.stringify({ draftId: DRAFT, event: deleted }));
    expect(onDraft).toEqual([deleted]);
  });

  it('keeps serving this process when subscribing to Redis fails', async () => {
    const warnings: string[] = [];
    const bus = new RedisDraftEventBus(
      { publish: () => undefined, subscribe: () => Promise.reject(new Error('Redis is away')) },
      { warn: (message) => void warnings.push(message), error: () => undefined },
    );
    const { onDraft } = listen(bus);
    bus.publish(DRAFT, deleted);
    expect(onDraft).toEqual([deleted]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual(['subscribing to draft events on Redis failed']);
  });
});
