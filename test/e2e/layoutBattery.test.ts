import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROJECT_ROOT } from '../../server/config.js';
import { trackSaved } from '../../shared/collab/trackSaved.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { DELETION_MARK, INSERTION_MARK } from '../../shared/doc/schema.js';
import { launchBrowser } from '../helpers/browser.js';
import { eventually, openCollabClient } from '../helpers/collabClient.js';
import { ApiClient } from '../helpers/http.js';
import { waitForDraftText } from '../helpers/draftPage.js';
import { layoutProblems, SCREEN_SIZES } from '../helpers/layoutProblems.js';
import { LONG, startShowcaseWorkspace, type ShowcaseWorkspace } from '../helpers/showcaseWorkspace.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';

/** Where the screenshots go, one per page and size, for a person to look at (.ci/run prints the path). */
export const LAYOUT_SHOTS = path.join(PROJECT_ROOT, 'test-results', 'layout');

interface Visit {
  name: string;
  /** Signed in as the secretariat (sees every page), or not at all. */
  signedIn: boolean;
  /** Goes to the page and brings it to the state to check. */
  open(page: Page, w: ShowcaseWorkspace): Promise<void>;
}

const VISITS: Visit[] = [
  {
    name: 'sign-in',
    signedIn: false,
    open: (page) => page.goto('/sign-in').then(() => page.getByRole('button', { name: 'Sign in' }).waitFor()),
  },
  {
    name: 'invitation',
    signedIn: false,
    open: (page, w) => page.goto(`/invitation/${w.invitationToken}`).then(() => page.getByLabel('New password', { exact: true }).waitFor()),
  },
  { name: 'drafts', signedIn: true, open: (page) => page.goto('/drafts').then(() => page.locator('.draft-row, table').first().waitFor()) },
  { name: 'members', signedIn: true, open: (page) => page.goto('/members').then(() => page.getByRole('table').first().waitFor()) },
  {
    name: 'draft',
    signedIn: true,
    open: async (page, w) => {
      await page.goto(`/drafts/${w.draftId}`);
      await waitForDraftText(page);
    },
  },
  {
    name: 'draft-comments',
    signedIn: true,
    open: async (page, w) => {
      await page.goto(`/drafts/${w.draftId}`);
      await waitForDraftText(page);
      await page.locator('.comments-toggle').click();
      await page.getByRole('complementary', { name: 'Comments' }).waitFor();
    },
  },
  {
    name: 'history',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/history`).then(() => page.locator('.version-item').first().waitFor()),
  },
  {
    name: 'version',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/versions/${w.revisionId}`).then(() => page.locator('.clause').first().waitFor()),
  },
  {
    name: 'compare',
    signedIn: true,
    open: (page, w) =>
      page
        .goto(`/drafts/${w.draftId}/compare?from=${w.revisionId}&to=${w.versionId}`)
        .then(() => page.locator('.compared-clause').first().waitFor()),
  },
  {
    name: 'positions',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/positions`).then(() => page.getByRole('table').first().waitFor()),
  },
  {
    name: 'audit',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/audit`).then(() => page.getByRole('table').first().waitFor()),
  },
  // Last, since they put the draft in amendments mode for good: the badge, the view switch (on "Accepted text",
  // with its note) and the proposals panel.
  {
    name: 'draft-amendments',
    signedIn: true,
    open: async (page, w) => {
      await withProposals(w);
      await page.goto(`/drafts/${w.draftId}`);
      await waitForDraftText(page);
      await page.locator('.proposal-view').getByLabel('Accepted text', { exact: true }).check();
      await page.locator('.proposal-view-summary').waitFor();
    },
  },
  {
    name: 'draft-proposals',
    signedIn: true,
    open: async (page, w) => {
      await withProposals(w);
      await page.goto(`/drafts/${w.draftId}`);
      await waitForDraftText(page);
      await page.locator('.proposals-toggle').click();
      await page.getByRole('complementary', { name: 'Proposals' }).locator('.proposal-item').first().waitFor();
      // Clicking scrolled to the button (above the clauses); the other visits are checked from the top of the page.
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  },
];

/**
 * Proposals of two delegations in the showcase draft, one of them long and one in a heading, made once (in
 * amendments mode) by stock clients.
 */
let proposalsMade: Promise<void> | null = null;
function withProposals(w: ShowcaseWorkspace): Promise<void> {
  proposalsMade ??= (async () => {
    await w.secretariat.patch(`/api/drafts/${w.draftId}`, { editingMode: 'amendments' });
    const proposals = [
      { email: 'us@example.org', id: 'layoutProposal01', from: -1, words: `${LONG.heading}, ` },
      { email: 'no@example.org', id: 'layoutProposal02', from: -2, words: '' },
      {
        email: 'no@example.org',
        id: 'layoutProposal03',
        from: -1,
        words: ' and technical cooperation between licensing authorities',
        heading: true,
      },
    ];
    for (const { email, id, from, words, heading = false } of proposals) {
      const api = await new ApiClient(w.server.url).signIn(email, TEST_PASSWORD);
      const delegation = ((await api.get('/api/me')).body as { delegation: { id: string } }).delegation.id;
      const client = await openCollabClient(w.server, { draftId: w.draftId, cookie: api.cookie! });
      let saved = false;
      const tracker = trackSaved(client.provider, (value) => (saved = value));
      // The last operative clauses: open (the showcase agrees some of the first ones, whose text is locked).
      const clause = readOrderedClauses(client.doc)
        .filter((c) => c.kind === 'operative')
        .at(from)!;
      const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      if (heading) clause.heading.insert(clause.heading.length, words, { [INSERTION_MARK]: { id, delegation } });
      else if (words) text.insert(0, words, { [INSERTION_MARK]: { id, delegation } });
      else text.format(0, 11, { [DELETION_MARK]: { id, delegation } });
      await eventually(() => saved, 'the proposal to be saved', 10_000);
      tracker.destroy();
      client.destroy();
    }
  })();
  return proposalsMade;
}

let workspace: ShowcaseWorkspace;
let browser: Browser;
let signedIn: BrowserContext;
let anonymous: BrowserContext;

beforeAll(async () => {
  workspace = await startShowcaseWorkspace();
  browser = await launchBrowser();
  await mkdir(LAYOUT_SHOTS, { recursive: true });
  const options = { baseURL: workspace.server.url, locale: 'en-GB' };
  anonymous = await browser.newContext(options);
  signedIn = await browser.newContext(options);
  const page = await signedIn.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('secretariat@example.org');
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/drafts$/);
  await page.close();
}, 120_000);

afterAll(() => console.info(`[layout] screenshots of every page at every size: ${LAYOUT_SHOTS}`));

describe('every page at every common screen size, on the production build', () => {
  for (const visit of VISITS) {
    it(`lays out ${visit.name} without sideways scrolling, overlapping regions or text, with toolbars and dialogs on screen`, async () => {
      const context = visit.signedIn ? signedIn : anonymous;
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const found: string[] = [];
      try {
        for (const size of SCREEN_SIZES) {
          await page.setViewportSize(size);
          await visit.open(page, workspace);
          // Cards far from the viewport skip rendering (content-visibility: auto); render everything so it is all checked and shot.
          await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: path.join(LAYOUT_SHOTS, `${visit.name}-${size.width}x${size.height}.png`), fullPage: true });
          for (const problem of await layoutProblems(page)) found.push(`${size.width}x${size.height}: ${problem}`);
        }
      } finally {
        await page.close();
      }
      expect(found).toEqual([]);
    }, 120_000);
  }
});
