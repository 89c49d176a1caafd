import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { registerTeardown } from './teardown.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromiumLaunch.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/**
 * Launches headless Chromium for one test file and registers its teardown (end of the file when launched in beforeAll). Fails early,
 * with the fix in the message, when Chromium or the built client is missing (end-to-end tests drive
 * the built app, so `npx vite build` must have run).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium`);
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'client', 'index.html'))) {
    throw new Error('The client is not built: run `npx vite build` before the end-to-end tests.');
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  registerTeardown(() => browser.close());
  return browser;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser context (its own cookies, like a separate person on a separate machine) with one
 * page whose relative URLs resolve against `baseURL`. The context closes with the browser.
 */
export async function newBrowserSession(browser: Browser, baseURL: string): Promise<BrowserSession> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}
