import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addClause } from '../../shared/doc/addClause.js';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { launchBrowser } from '../helpers/browser.js';
import { openCollabClient, signInCookie, type CollabClient } from '../helpers/collabClient.js';
import { clauseText, openDraftAs } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const WAIT = { timeout: 10_000 };
const CLAUSES = 120;

let server: TestServer;
let browser: Browser;
let writer: CollabClient;
let us: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const created = await secretariat.post('/api/drafts', { title: 'A long draft', template: 'blank' });
  const draftId = (created.body as { id: string }).id;
  writer = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });
  writer.doc.transact(() => {
    for (let i = 1; i <= CLAUSES; i += 1) {
      addClause(writer.doc, {
        kind: 'operative',
        paragraphs: [`Clause ${i} of a long draft: subscribing States will share information on the risks they see.`],
      });
    }
  });
  us = await openDraftAs(browser, server.url, 'us@example.org', draftId);
  await us
    .locator('.clause-list .clause')
    .nth(CLAUSES - 1)
    .waitFor({ state: 'attached' });
});

describe('a long draft, whose far clauses the browser does not render until they come near', () => {
  it('marks the clauses far from the screen, each keeping the height it has when rendered', async () => {
    await expect.poll(() => us.locator('.clause[data-far]').count(), WAIT).toBeGreaterThan(CLAUSES / 2);
    expect(await us.locator('.clause').first().getAttribute('data-far')).toBeNull();

    const far = us.locator('.clause[data-far]').last();
    const skippedHeight = await far.evaluate((element) => element.getBoundingClientRect().height);
    const renderedHeight = await far.evaluate((element) => {
      element.removeAttribute('data-far');
      const height = element.getBoundingClientRect().height;
      element.setAttribute('data-far', '');
      return height;
    });
    expect(Math.abs(skippedHeight - renderedHeight)).toBeLessThan(1);
  });

  it('jumps from the outline to a far clause, which then shows and takes typing that reaches everyone', async () => {
    const last = `OP${CLAUSES}`;
    await us
      .getByRole('navigation', { name: 'Outline' })
      .getByRole('link', { name: new RegExp(`^${last}\\b`) })
      .click();

    const text = clauseText(us, last);
    await expect
      .poll(() => text.evaluate((element) => (element as HTMLElement).isContentEditable && element === document.activeElement), WAIT)
      .toBe(true);
    await expect.poll(() => us.locator('.clause').last().getAttribute('data-far'), WAIT).toBeNull();
    const box = await text.evaluate((element) => {
      const { top, bottom } = element.getBoundingClientRect();
      return { top, bottom, height: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    await us.keyboard.type('Also ');

    const lastBody = () => readParagraphs(readOrderedClauses(writer.doc).at(-1)!.body).join('');
    await expect.poll(lastBody, WAIT).toMatch(/^Also Clause 120 of a long draft/);
  });
});
