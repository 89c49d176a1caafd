import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acceptedText, readProposalRuns, readProposals, type ProposalRun } from '../../../shared/amendments/proposals.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { seeded } from '../../helpers/seeded.js';
import { startTestServer } from '../../helpers/testServer.js';
import { signInMembers } from '../negotiation/negotiationHelpers.js';

const ROUNDS = 25;
const SEEDS = [1, 2, 3];

/** The first paragraph of a clause. */
function paragraph(doc: Y.Doc, clauseId: string): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A fresh proposal id of the shape clients make. */
function proposalId(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  return Array.from({ length: 16 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

/**
 * Character ranges of plain accepted text (no proposal of anyone on it) in one half of the sentence, as
 * [from, to) in the text's characters. The halves are counted in accepted characters, which proposals never
 * change, so the two delegations' halves stay apart however their insertions shift the text.
 */
function plainRanges(runs: readonly ProposalRun[], half: 0 | 1): Array<[number, number]> {
  const acceptedLength = runs.filter((r) => r.insertion === null).reduce((n, r) => n + r.text.length, 0);
  const middle = Math.floor(acceptedLength / 2);
  const ranges: Array<[number, number]> = [];
  let at = 0;
  let accepted = 0;
  for (const run of runs) {
    if (run.insertion === null && run.deletion === null) {
      // The part of this run on the wanted side of the middle, in accepted characters, mapped back.
      const from = half === 0 ? accepted : Math.max(accepted, middle);
      const to = half === 0 ? Math.min(accepted + run.text.length, middle) : accepted + run.text.length;
      if (to - from >= 3) ranges.push([at + (from - accepted), at + (to - accepted)]);
    }
    at += run.text.length;
    if (run.insertion === null) accepted += run.text.length;
  }
  return ranges;
}

/**
 * One delegation's turn as its editor would write it: an insertion inside plain accepted text (never inside
 * someone's proposal), or a deletion proposal on one plain character, always in its own half of the sentence.
 */
function propose(doc: Y.Doc, clauseId: string, delegation: string, half: 0 | 1, random: () => number, made: string[]): void {
  const text = paragraph(doc, clauseId);
  const ranges = plainRanges(readProposalRuns(text), half);
  if (ranges.length === 0) return;
  const [from, to] = ranges[Math.floor(random() * ranges.length)]!;
  const id = proposalId(random);
  made.push(id);
  const at = from + 1 + Math.floor(random() * (to - from - 2));
  if (random() < 0.6) {
    text.insert(at, ` ${delegation.slice(0, 2)}${made.length}`, { [INSERTION_MARK]: { id, delegation }, [DELETION_MARK]: null });
  } else {
    text.format(at, 1, { [DELETION_MARK]: { id, delegation } });
  }
}

function state(client: CollabClient, clauseId: string): string {
  return JSON.stringify(paragraph(client.doc, clauseId).toDelta());
}

describe('two delegations proposing in one sentence while the secretariat decides a third proposal there', () => {
  for (const seed of SEEDS) {
    it(`converges with every proposal kept or decided exactly once (seed ${seed})`, async () => {
      const random = seeded(seed);
      const server = await startTestServer();
      const draftId = await starterDraftId(server);
      const as = await signInMembers(server);
      expect((await as.secretariat.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
      const open = async (email: string) => openCollabClient(server, { draftId, cookie: await signInCookie(server, email) });
      const us = await open('us@example.org');
      const dk = await open('dk@example.org');
      const secretariat = await open('secretariat@example.org');
      const clauseId = readOrderedClauses(us.doc).find((c) => {
        const first = c.body.get(0);
        return first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText && (first.get(0) as Y.XmlText).length > 80;
      })!.id;

      const original = acceptedText(paragraph(us.doc, clauseId));
      // Denmark's first proposal, which the secretariat will accept while both delegations keep proposing.
      const third = proposalId(random);
      paragraph(dk.doc, clauseId).insert(10, ' (third)', { [INSERTION_MARK]: { id: third, delegation: as.dkDelegation } });
      await eventually(() => readProposals(us.doc).some((p) => p.id === third), 'the third proposal to reach the US');
      const acceptAt = Math.floor(random() * ROUNDS);

      const made = { us: [] as string[], dk: [] as string[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        // Both write before either hears of the other: their updates cross on the way to the server.
        propose(us.doc, clauseId, as.usDelegation, 0, random, made.us);
        propose(dk.doc, clauseId, as.dkDelegation, 1, random, made.dk);
        if (round === acceptAt) {
          const res = await as.secretariat.post(`/api/drafts/${draftId}/amendments/${third}/accept`);
          expect(res.status).toBe(200);
        }
        if (random() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 20)));
      }

      // Every page ends up with the server's text (polled: the last updates may still be on their way).
      for (let tries = 0; ; tries += 1) {
        const latest = await server.rooms.read(draftId, (doc) => JSON.stringify(paragraph(doc, clauseId).toDelta()));
        if ([us, dk, secretariat].every((c) => state(c, clauseId) === latest)) break;
        if (tries > 200) throw new Error('the pages did not converge on the server’s text');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect([us.closes, dk.closes, secretariat.closes]).toEqual([[], [], []]);

      const proposals = await server.rooms.read(draftId, (doc) => readProposals(doc));
      const ids = proposals.map((p) => p.id);
      // The accepted one is gone from the proposals and its text is accepted text; every other is there once, in its delegation.
      expect(ids).not.toContain(third);
      // Proposals never change the accepted text: it is the sentence as it was, with the accepted insertion in it.
      expect(acceptedText(paragraph(us.doc, clauseId))).toBe(`${original.slice(0, 10)} (third)${original.slice(10)}`);
      expect(new Set(ids).size).toBe(ids.length);
      expect(
        proposals
          .filter((p) => p.delegationId === as.usDelegation)
          .map((p) => p.id)
          .sort(),
      ).toEqual([...made.us].sort());
      expect(
        proposals
          .filter((p) => p.delegationId === as.dkDelegation)
          .map((p) => p.id)
          .sort(),
      ).toEqual([...made.dk].sort());
      const decided = ((await as.secretariat.get(`/api/drafts/${draftId}/audit`)).body as Array<{ action: string }>).filter((e) =>
        e.action.startsWith('amendment.accept'),
      );
      expect(decided).toHaveLength(1);
    });
  }
});
