import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../server/export/renderJson.js';
import { canonicalJson } from '../../../shared/export/canonicalJson.js';
import { DraftText } from '../../../shared/export/DraftText.js';
import { fixtureDraft, hostileDraft } from './drafts.js';
import { COUNTRY_NAMES } from './fixtureDoc.js';
import { DROPPED_TEXT, FORBIDDEN_SUBSTRINGS, INERT_MARKUP } from './hostileFixture.js';
import { DELEGATIONS, HOSTILE_RESERVATION, NEGOTIATION_IDS, negotiationDraft } from './negotiationFixture.js';

describe('renderJson', () => {
  it('is the DraftText itself, readable back through the schema', () => {
    const draft = fixtureDraft();
    const json = renderJson(draft);
    expect(DraftText.parse(JSON.parse(json))).toEqual(draft);
    for (const name of COUNTRY_NAMES) expect(json).toContain(name);
  });

  it('is canonical: sorted keys, two-space indent, one final newline, whatever the key order it was given', () => {
    const draft = fixtureDraft();
    const reordered = Object.fromEntries(Object.entries(draft).reverse()) as DraftText;
    const json = renderJson(draft);
    expect(renderJson(reordered)).toBe(json);
    expect(json.startsWith('{\n  "clauses": [\n')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(json))).toEqual(['clauses', 'date', 'draftId', 'format', 'revision', 'title', 'versionLabel']);
  });

  it('drops fields outside the model', () => {
    const json = renderJson({ ...fixtureDraft(), privateNote: 'x' } as DraftText);
    expect(json).not.toContain('privateNote');
  });

  it('carries a hostile document as inert data', () => {
    const json = renderJson(hostileDraft());
    expect(JSON.parse(json).clauses[1].blocks[0].content[0].text).toContain(INERT_MARKUP);
    for (const dropped of DROPPED_TEXT) expect(json).not.toContain(dropped);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(json.toLowerCase()).not.toContain(bad);
  });
});

describe('renderJson of a draft in negotiation', () => {
  it('carries brackets, options, statuses and positions as DraftText 2, canonical and the same bytes every time', () => {
    const json = renderJson(negotiationDraft());
    expect(renderJson(negotiationDraft())).toBe(json);
    expect(canonicalJson(JSON.parse(json))).toBe(json);
    const parsed = DraftText.parse(JSON.parse(json));
    expect(parsed).toEqual(negotiationDraft());
    expect(parsed.format).toBe('draft-text/2');
    const byId = (id: string) => parsed.clauses.find((c) => c.id === id)!;
    expect(byId(NEGOTIATION_IDS.pp1).blocks[0]).toMatchObject({
      content: expect.arrayContaining([
        { text: 'firm ', marks: [{ type: 'bracket', delegationId: DELEGATIONS.norway.id, delegation: 'Norway' }] },
      ]),
    });
    expect(byId(NEGOTIATION_IDS.pp2noText)).toMatchObject({
      alternativeTo: NEGOTIATION_IDS.pp2,
      option: { index: 3, count: 3 },
      noText: true,
      blocks: [],
    });
    expect(byId(NEGOTIATION_IDS.op1).status).toMatchObject({ status: 'agreed-ad-ref' });
    expect(byId(NEGOTIATION_IDS.op1).positions.map((p) => p.text)).toEqual([null, HOSTILE_RESERVATION, null]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});
