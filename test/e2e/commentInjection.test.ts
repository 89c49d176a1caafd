import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAnchorPosition } from '../../shared/comments/commentAnchor.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { launchBrowser } from '../helpers/browser.js';
import { openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../helpers/collabClient.js';
import { clauseCommentBadge, commentsPanel } from '../helpers/commentsPage.js';
import { openDraftAs } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };

/**
 * Markup and script that would run if comment text ever became HTML. Each sets window.__pwned (or opens a
 * dialog) when it runs, so the test can tell that none did.
 */
const PAYLOADS = [
  `<script>window.__pwned = 'script'</script>`,
  `<script>alert(1)</script>`,
  `<img src=x onerror="window.__pwned='img'">`,
  `<img src=x onerror=alert(1)>`,
  `"><svg onload="window.__pwned='svg'">`,
  `'><svg/onload=window.__pwned='svg-slash'>`,
  `<iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>`,
  `javascript:window.__pwned='javascript-url'`,
  `<a href="javascript:window.__pwned='href'">click me</a>`,
  `[click me](javascript:window.__pwned='markdown')`,
  `<div style="background:url(javascript:window.__pwned='css-url')">styled</div>`,
  `<p style="width: expression(window.__pwned='expression')">old IE</p>`,
  `<style>@import 'javascript:window.__pwned="import"';</style>`,
  `<body onload="window.__pwned='body'">`,
  `<details open ontoggle="window.__pwned='details'"><summary>x</summary></details>`,
  `<input autofocus onfocus="window.__pwned='autofocus'">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'">`,
  `<noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>">`,
  `<template><img src=x onerror="window.__pwned='template'"></template>`,
  `{{constructor.constructor('window.__pwned="angular"')()}}`,
  '${window.__pwned = "template-literal"}',
  `<object data="javascript:window.__pwned='object'"></object>`,
  `<embed src="javascript:window.__pwned='embed'">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">`,
  `<form><button formaction="javascript:window.__pwned='formaction'">send</button></form>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0nZGF0YSc8L3NjcmlwdD4=">data url</a>`,
  `<scr<script>ipt>window.__pwned='nested'</scr</script>ipt>`,
  `<x onclick="window.__pwned='onclick'" onmouseover="window.__pwned='hover'">hover and click me</x>`,
  `\\u003cscript\\u003ewindow.__pwned='escaped'\\u003c/script\\u003e`,
  `＜script＞window.__pwned='fullwidth'＜/script＞`,
  `\u202e<img src=x onerror="window.__pwned='rtl-override'">`,
  `https://example.org/"><img src=x onerror="window.__pwned='url-break'">`,
  `http://example.org/?q=<script>window.__pwned='query'</script>`,
  `Line one\n<img src=x onerror="window.__pwned='second-line'">\n\tindented`,
];

/** Payloads typed into the forms of the page itself: a new thread (reviewer) and a reply (delegate). */
const THROUGH_UI = { thread: PAYLOADS[1]!, reply: PAYLOADS[3]! };

let server: TestServer;
let browser: Browser;
let draftId: string;
let reviewer: Page;
let delegate: Page;
let editor: CollabClient;
const dialogs: string[] = [];

/** Whether any payload ran in the page: its flag, and elements a payload would have created. */
async function traces(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    elementsInComments: [...document.querySelectorAll('.comment-text *, .thread-quote-text *, .overview-thread *:not(span, bdi)')]
      .filter((element) => !(element instanceof HTMLAnchorElement))
      .map((element) => element.outerHTML),
    linksInComments: [...document.querySelectorAll<HTMLAnchorElement>('.comment-text a')].map((a) => a.href),
    // The page itself uses none of these (its own icons are inline svg inside buttons and the drag handles).
    foreignElements: [...document.querySelectorAll('#root, body > dialog')]
      .flatMap((root) => [...root.querySelectorAll('img, iframe, object, embed, math, template, noscript, details, x, meta, style, svg')])
      .filter((element) => !(element instanceof SVGElement && element.closest('button, .drag-handle, .brand')))
      // The page's own stylesheet of proposal colours, built from well-formed delegation ids only: nothing but
      // selectors, ids and custom properties (a payload would bring angle brackets, backslashes or other marks).
      .filter((element) => !(element.matches('style[data-proposal-colours]') && /^[\w\s.,:;()\-[\]="{}]*$/.test(element.textContent ?? '')))
      .map((element) => element.outerHTML.slice(0, 120)),
  }));
}

function watch(page: Page, who: string): void {
  page.on('dialog', (dialog) => {
    dialogs.push(`${who}: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'au@example.org') });
  [reviewer, delegate] = await Promise.all([
    openDraftAs(browser, server.url, 'reviewer@example.org', draftId),
    openDraftAs(browser, server.url, 'us@example.org', draftId),
  ]);
  watch(reviewer, 'reviewer');
  watch(delegate, 'delegate');
});

describe('comment text is shown as text and never runs', () => {
  it('keeps payloads typed into the comment forms as literal text, for the writer and for others', async () => {
    const badge = clauseCommentBadge(reviewer, 'OP2');
    await badge.click();
    const panel = commentsPanel(reviewer);
    await panel.getByRole('button', { name: 'New comment on OP2' }).click();
    await panel.getByRole('textbox', { name: 'New comment on OP2' }).fill(THROUGH_UI.thread);
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => panel.locator('.comment-text').allTextContents(), WAIT).toEqual([THROUGH_UI.thread]);

    await expect.poll(() => clauseCommentBadge(delegate, 'OP2').getAttribute('aria-label'), WAIT).toBe('Comments on OP2: 1 open');
    await clauseCommentBadge(delegate, 'OP2').click();
    const delegatePanel = commentsPanel(delegate);
    await delegatePanel.getByRole('textbox', { name: 'Reply to Amara Okafor' }).fill(THROUGH_UI.reply);
    await delegatePanel.getByRole('button', { name: 'Reply', exact: true }).click();

    for (const page of [reviewer, delegate]) {
      await expect
        .poll(() => commentsPanel(page).locator('.comment-text').allTextContents(), WAIT)
        .toEqual([THROUGH_UI.thread, THROUGH_UI.reply]);
    }
  });

  it('keeps payloads posted through the API as literal text in threads, replies, quotes and the overview', async () => {
    const api = await new ApiClient(server.url).signIn('dk@example.org', TEST_PASSWORD);
    const clause = readOrderedClauses(editor.doc).filter((c) => c.kind === 'operative')[2]!;
    const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const url = `/api/drafts/${draftId}/comments`;
    const posted: string[] = [];
    const startedThreads: string[] = [];
    let firstThread: string | null = null;
    for (const [index, payload] of PAYLOADS.entries()) {
      // Every third one a reply; every other thread anchored on a passage quoted as the payload itself.
      const body =
        index % 3 === 2 && firstThread
          ? { clauseId: clause.id, body: payload, parentId: firstThread }
          : index % 2 === 0
            ? {
                clauseId: clause.id,
                body: payload,
                anchor: {
                  start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 10)),
                  end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 30)),
                  quote: payload,
                },
              }
            : { clauseId: clause.id, body: payload };
      const res = await api.post(url, body);
      expect(res.status, payload).toBe(201);
      expect(res.body.body).toBe(payload);
      firstThread ??= res.body.id;
      posted.push(payload);
      if (!('parentId' in body)) startedThreads.push(payload);
    }

    for (const page of [reviewer, delegate]) {
      await expect.poll(() => clauseCommentBadge(page, 'OP3').getAttribute('aria-label'), WAIT).toMatch(/^Comments on OP3: \d+ open$/);
      await clauseCommentBadge(page, 'OP3').click();
      const panel = commentsPanel(page);
      await expect.poll(() => panel.locator('h2').textContent(), WAIT).toBe('Comments on OP3');
      await expect.poll(() => panel.locator('.comment-text').count(), WAIT).toBe(PAYLOADS.length);
      const shown = await panel.locator('.comment-text').allTextContents();
      expect([...shown].sort()).toEqual([...posted].sort());
      const quotes = await panel.locator('.thread-quote-text').allTextContents();
      expect(quotes.length).toBeGreaterThan(5);
      for (const quote of quotes) expect(PAYLOADS).toContain(quote);

      // Point at and click every comment, in case a payload waits for the pointer (links excepted: they open a tab).
      await panel.locator('.comment-text').evaluateAll((bodies) => {
        for (const body of bodies) {
          for (const type of ['mouseover', 'mouseenter', 'click', 'focus']) body.dispatchEvent(new MouseEvent(type, { bubbles: true }));
        }
      });
      await panel.locator('.comment-text').last().hover();
      await page.screenshot({ path: `${SHOTS}/comments-injection-${page === reviewer ? 'reviewer' : 'delegate'}.png` });

      await panel.getByRole('button', { name: 'All comments in the draft' }).click();
      await expect.poll(() => panel.locator('.overview-thread').count(), WAIT).toBeGreaterThan(10);
      // The overview shows the start of each thread's first comment.
      const overview = (await panel.locator('.overview-first').allTextContents()).join('\n');
      for (const payload of startedThreads.filter((p) => p.length <= 90)) expect(overview).toContain(payload);
    }
    await reviewer.screenshot({ path: `${SHOTS}/comments-injection-overview.png` });
  }, 60_000);

  it('ran nothing: no dialog, no flag set, no element made from a payload, and links only to http(s)', async () => {
    // Give anything that loads or fires late (image errors, autofocus, meta refresh) time to do so.
    await reviewer.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    for (const page of [reviewer, delegate]) {
      await clauseCommentBadge(page, 'OP3').click();
      await expect.poll(() => commentsPanel(page).locator('.comment-text').count(), WAIT).toBe(PAYLOADS.length);
      const found = await traces(page);
      expect(found.pwned).toBeNull();
      expect(found.elementsInComments).toEqual([]);
      expect(found.foreignElements).toEqual([]);
      for (const href of found.linksInComments) expect(href).toMatch(/^https?:\/\/example\.org\//);
      expect(new URL(page.url()).pathname).toBe(`/drafts/${draftId}`);
    }
    // The addresses inside the payloads were linked, but only up to where markup would begin.
    const links = (await traces(reviewer)).linksInComments;
    expect(links).toEqual(expect.arrayContaining(['https://example.org/', 'http://example.org/?q=']));
  });
});
