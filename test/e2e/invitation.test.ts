import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newBrowserSession } from '../helpers/browser.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const STARTER_TITLE = 'Code of Conduct on Export Controls and Human Rights';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('inviting a member through the browser', () => {
  it('shows an error and stays on the sign-in page when the password is wrong', async () => {
    const { page } = await newBrowserSession(browser, server.url);
    await page.goto('/drafts');
    await page.waitForURL(/\/sign-in\?next=%2Fdrafts$/);

    await signIn(page, 'secretariat@example.org', 'not the right password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email address or password is not correct');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
  });

  it('lets the secretariat invite a delegate who sets a password and lands signed in on the drafts list', async () => {
    const { context, page: secretariat } = await newBrowserSession(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await secretariat.goto('/members');
    await secretariat.waitForURL(/\/sign-in\?next=%2Fmembers$/);
    await signIn(secretariat, 'secretariat@example.org', TEST_PASSWORD);
    await secretariat.waitForURL(/\/members$/);
    await secretariat.getByRole('heading', { level: 1, name: 'Members' }).waitFor();

    await secretariat.getByLabel('Email address').fill('mette.hansen@um.example.dk');
    await secretariat.getByLabel('Full name').fill('Mette Hansen');
    await secretariat.getByLabel('Role').selectOption({ label: 'Delegate' });
    await secretariat.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Denmark' });
    await secretariat.getByRole('button', { name: 'Add member and create invitation link' }).click();

    const linkField = secretariat.getByLabel('Invitation link for Mette Hansen');
    await linkField.waitFor();
    const invitationUrl = await linkField.inputValue();
    expect(invitationUrl).toMatch(new RegExp(`^${server.url}/invitation/[A-Za-z0-9_-]{43}$`));
    await secretariat.getByRole('button', { name: 'Copy link' }).click();
    await secretariat.getByText('Copied to the clipboard.').waitFor();
    expect(await secretariat.evaluate(() => navigator.clipboard.readText())).toBe(invitationUrl);
    const newRow = secretariat.getByRole('row', { name: /Mette Hansen/ });
    expect(await newRow.textContent()).toContain('Invited, not yet signed in');

    const member = (await newBrowserSession(browser, server.url)).page;
    await member.goto(invitationUrl);
    await member.getByRole('heading', { level: 1, name: 'Welcome, Mette Hansen' }).waitFor();
    await member.getByLabel('New password', { exact: true }).fill('a long and private passphrase');
    await member.getByLabel('Repeat the new password').fill('a long and private passphrase');
    await member.getByRole('button', { name: 'Set password and sign in' }).click();

    await member.waitForURL(/\/drafts$/);
    await member.getByRole('link', { name: STARTER_TITLE }).waitFor();
    const header = await member.getByRole('banner').textContent();
    expect(header).toContain('Mette Hansen');
    expect(header).toContain('Delegate, Denmark');
    expect(await member.getByRole('link', { name: 'Members' }).count()).toBe(0);

    await secretariat.reload();
    const row = secretariat.getByRole('row', { name: /Mette Hansen/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Active');

    const again = (await newBrowserSession(browser, server.url)).page;
    await again.goto(invitationUrl);
    await again.getByRole('heading', { level: 1, name: 'This invitation link cannot be used' }).waitFor();
  });

  it('explains that an unknown invitation link cannot be used', async () => {
    const { page } = await newBrowserSession(browser, server.url);
    await page.goto(`/invitation/${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: 'This invitation link cannot be used' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('ask the secretariat for a new one');
  });
});
