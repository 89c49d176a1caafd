import { describe, expect, it } from 'vitest';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import * as Y from 'yjs';
import { openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer } from '../../helpers/testServer.js';

/** A metric's value in Prometheus's text format (the first sample of that name), or null. */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

describe('operations endpoints', () => {
  it('answers /healthz and /readyz without a session, and says nothing about its dependencies beyond up or down', async () => {
    const server = await startTestServer();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: {} });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('serves metrics that follow the traffic: connections, rooms, updates in, frames out, commit latency', async () => {
    const server = await startTestServer();
    const before = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(before, 'collab_connections')).toBe(0);
    expect(sample(before, 'collab_updates_in_total')).toBe(0);
    expect(before).toContain('# TYPE store_commit_seconds histogram');
    expect(before).toContain('process_cpu_seconds_total');

    const draftId = await starterDraftId(server);
    const client = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });
    const clause = readOrderedClauses(client.doc).find((c) => c.body.length > 0)!;
    ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Metered ');
    let text = '';
    for (let tries = 0; (sample(text, 'store_commit_seconds_count') ?? 0) < 1; tries += 1) {
      if (tries > 50) throw new Error('the edit was never committed and counted');
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await (await fetch(`${server.url}/metrics`)).text();
    }
    expect(sample(text, 'collab_connections')).toBe(1);
    expect(sample(text, 'collab_rooms')).toBe(1);
    expect(sample(text, 'collab_updates_in_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'collab_frames_out_total')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'collab_bytes_out_total')).toBeGreaterThan(0);
  });

  it('refuses the metrics to pages of other sites, and lets no page embed them', async () => {
    const server = await startTestServer();
    const crossSite = await fetch(`${server.url}/metrics`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const foreign = await fetch(`${server.url}/metrics`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain('collab_');
    const own = await fetch(`${server.url}/metrics`, { headers: { origin: server.url, 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect(own.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(own.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});
