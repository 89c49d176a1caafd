import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { launchBrowser } from '../helpers/browser.js';
import { openCollabClient, signInCookie, starterDraftId } from '../helpers/collabClient.js';
import { openDraftAs, placeCaret, readClauseText, readSaveStatus } from '../helpers/draftPage.js';
import { freshDatabase, setDatabaseReachable } from '../helpers/postgres.js';
import { startTestServer } from '../helpers/testServer.js';

const WAIT = { timeout: 10_000 };
/** How long the database stays away: longer than the server's longest wait between write retries (5 s), so several retries fail. */
const OUTAGE_MS = 12_000;
/** How often the page is looked at during the outage. */
const SAMPLE_EVERY_MS = 250;

/** What the page tells the person about saving at one moment: the save indicator and any alert anywhere on the page. */
interface SaveReport {
  label: string;
  tone: string;
  /** The indicator's extra line (a close code's message), if any. */
  detail: string | null;
  /** What the indicator's live region announces to screen readers. */
  announced: string;
  alerts: string[];
}

async function readSaveReport(page: Page): Promise<SaveReport> {
  const status = page.getByTestId('save-status');
  const detail = status.locator('.save-status-detail');
  return {
    label: await readSaveStatus(page),
    tone: ((await status.getAttribute('class')) ?? '').replace('save-status ', ''),
    detail: (await detail.count()) > 0 ? await detail.textContent() : null,
    announced: (await status.getByRole('status').textContent()) ?? '',
    alerts: await page.getByRole('alert').allTextContents(),
  };
}

function wholeText(doc: Y.Doc): string {
  return readOrderedClauses(doc)
    .map((c) => readParagraphs(c.body).join('\n'))
    .join('\n');
}

function occurrences(text: string, word: string): number {
  return text.split(word).length - 1;
}

describe('the draft page while PostgreSQL is down', () => {
  it('says "Saving…" and never an error while the database is away, keeps the typed words, and saves each once when it is back', async () => {
    const databaseUrl = await freshDatabase();
    const server = await startTestServer({ env: { DATABASE_URL: databaseUrl } });
    const browser = await launchBrowser();
    const draftId = await starterDraftId(server);
    const us = await openDraftAs(browser, server.url, 'us@example.org', draftId);
    const [during, later] = ['Quillwort', 'Bramblefinch'];
    expect(occurrences(await readClauseText(us, 'OP1'), during)).toBe(0);

    await placeCaret(us, 'OP1', 'end');
    await us.keyboard.type(' Before the outage.');
    await expect.poll(() => readSaveStatus(us), WAIT).toBe('All changes saved');

    await setDatabaseReachable(databaseUrl, false);
    const reports: SaveReport[] = [];
    try {
      await us.keyboard.type(` ${during}`);
      await expect.poll(() => readSaveStatus(us), WAIT).toBe('Saving…');
      // Watch the page for the whole outage, typing a second word half-way, as a person would carry on.
      const start = Date.now();
      while (Date.now() - start < OUTAGE_MS) {
        reports.push(await readSaveReport(us));
        if (reports.length === Math.round(OUTAGE_MS / SAMPLE_EVERY_MS / 2)) {
          await us.screenshot({ path: '/tmp/outage-saving.png', fullPage: true });
          await us.keyboard.type(` ${later}`);
        }
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      }
      reports.push(await readSaveReport(us));
      await us.screenshot({ path: '/tmp/outage-end.png', fullPage: true });
    } finally {
      await setDatabaseReachable(databaseUrl, true);
    }
    // Throughout, nothing was claimed saved and nothing said there was a problem: the page only said it was saving.
    const shown = new Set(reports.map(({ label, tone, detail, alerts }) => JSON.stringify({ label, tone, detail, alerts })));
    expect([...shown].map((json) => JSON.parse(json) as unknown)).toEqual([
      { label: 'Saving…', tone: 'save-status-pending', detail: null, alerts: [] },
    ]);
    // Screen readers hear the status once it has held for 1.5 s (SaveStatus.tsx): from then on, "Saving…" only.
    const settled = reports.slice(Math.ceil(2000 / SAMPLE_EVERY_MS));
    expect(new Set(settled.map((report) => report.announced))).toEqual(new Set(['Saving…']));
    const text = await readClauseText(us, 'OP1');
    expect([occurrences(text, during), occurrences(text, later)]).toEqual([1, 1]);

    await expect.poll(() => readSaveStatus(us), { timeout: 20_000 }).toBe('All changes saved');
    expect(await us.getByRole('alert').allTextContents()).toEqual([]);
    // A second process, opening the draft afresh from the database, has each word once: nothing was lost or doubled.
    const second = await startTestServer({ env: { DATABASE_URL: databaseUrl } });
    const fresh = await openCollabClient(second, { draftId, cookie: await signInCookie(second, 'secretariat@example.org') });
    const saved = wholeText(fresh.doc);
    expect([occurrences(saved, 'Before the outage.'), occurrences(saved, during), occurrences(saved, later)]).toEqual([1, 1, 1]);
  }, 90_000);
});
