import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromiumLaunch.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/**
 * What the benchmarks need from a browser and a Node client, without test/helpers/browser.ts and
 * collabClient.ts: those register vitest teardown hooks when imported, which fails outside vitest.
 * The Chromium path and flags are the ones the e2e tests use (COMMON.md).
 */

/** A `ws` WebSocket class that sends the given headers (Cookie, Origin) on the handshake, for y-websocket's WebSocketPolyfill. */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

/** Signs in through the app's own form, as a person does. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/drafts$/);
}
