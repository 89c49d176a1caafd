import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

/** The helpers must clean up after themselves, whether started in a test or in beforeAll. */
describe('test helpers', () => {
  let fromTest: TestServer;

  it('closes a server started inside a test when that test ends', async () => {
    fromTest = await startTestServer();
    await new ApiClient(fromTest.url).signIn('us@example.org', TEST_PASSWORD);
  });

  it('…so it no longer answers and its temporary folder is gone', async () => {
    await expect(fetch(`${fromTest.url}/api/me`)).rejects.toThrow();
    expect(existsSync(fromTest.dataDir)).toBe(false);
  });
});
