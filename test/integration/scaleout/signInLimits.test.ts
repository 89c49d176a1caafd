import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/domain/AppError.js';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimits, type SignInAttempt, type SignInThrottle } from '../../../server/domain/SignInLimits.js';
import { RedisBus } from '../../../server/scaleout/RedisBus.js';
import { RedisSignInLimits } from '../../../server/scaleout/RedisSignInLimits.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { REDIS_URL, twoProcesses } from '../../helpers/scaleOut.js';
import { registerTeardown } from '../../helpers/teardown.js';
import { manualClock, startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

const quietLog = { warn: () => undefined, error: () => undefined };

function signInOn(server: TestServer, email: string, password: string) {
  return new ApiClient(server.url).request('POST', '/api/session', { email, password });
}

/** Sends `count` sign-ins for one account at once, alternating over `servers`; returns the statuses in sending order. */
async function burst(servers: TestServer[], email: string, count: number): Promise<number[]> {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) => signInOn(servers[i % servers.length]!, email, i === count - 1 ? TEST_PASSWORD : `wrong ${i}`)),
  );
  return answers.map((a) => a.status);
}

/** Sends `count` wrong passwords for one account one after the other, alternating over `servers`. */
async function oneByOne(servers: TestServer[], email: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await signInOn(servers[i % servers.length]!, email, `wrong ${i}`)).status);
  return statuses;
}

describe('sign-in limits shared by the processes on one database', () => {
  it('with Redis: wrong passwords spread over two processes are limited as on one process, in a burst and one by one', async () => {
    const [single, [a, b]] = await Promise.all([startTestServer(), twoProcesses()]);

    const onOne = await burst([single], 'au@example.org', 40);
    const overTwo = await burst([a, b], 'au@example.org', 40);
    expect(onOne.filter((s) => s !== 429)).toEqual([401, 401, 401, 401, 401]);
    expect(overTwo.filter((s) => s !== 429)).toEqual(onOne.filter((s) => s !== 429));

    const oneByOneOnOne = await oneByOne([single], 'us@example.org', 8);
    const oneByOneOverTwo = await oneByOne([a, b], 'us@example.org', 8);
    expect(oneByOneOnOne).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(oneByOneOverTwo).toEqual(oneByOneOnOne);

    // Another member is not held up, on either process.
    expect((await signInOn(b, 'dk@example.org', TEST_PASSWORD)).status).toBe(200);
    expect((await signInOn(a, 'dk@example.org', TEST_PASSWORD)).status).toBe(200);
  });

  it('without Redis each process counts alone (twice the free attempts over two): what Redis is for', async () => {
    const [a, b] = await twoProcesses({ redis: false });
    const overTwo = await burst([a, b], 'au@example.org', 40);
    expect(overTwo.filter((s) => s !== 429)).toHaveLength(10);
  });

  it('with Redis unreachable, sign-in neither fails nor waits: each process limits attempts by itself', async () => {
    const url = await freshDatabase();
    const server = await startTestServer({ env: { DATABASE_URL: url, REDIS_URL: 'redis://127.0.0.1:1' } });
    const started = Date.now();
    expect(await oneByOne([server], 'au@example.org', 7)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await signInOn(server, 'dk@example.org', TEST_PASSWORD)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('RedisSignInLimits', () => {
  /** A bus on its own key prefix, closed when the test ends. */
  function redisBus(): RedisBus {
    const bus = new RedisBus(REDIS_URL, quietLog, { channelPrefix: `coc-test:${randomBytes(6).toString('hex')}:` });
    registerTeardown(() => bus.close());
    return bus;
  }

  /** What an attempt came to: 'ok', or the wait TOO_MANY_ATTEMPTS asked for. */
  async function outcome(limits: SignInThrottle, email: string, address: string): Promise<{ result: string; attempt?: SignInAttempt }> {
    try {
      return { result: 'ok', attempt: await limits.begin(email, address) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'TOO_MANY_ATTEMPTS') {
        return { result: `wait ${(error.details as { retryAfterSeconds: number }).retryAfterSeconds}` };
      }
      throw error;
    }
  }

  it('decides every attempt as the in-memory limits do, through waits, successes, cancellations and forgetting', async () => {
    const options = { ...DEFAULT_SIGN_IN_LIMITS, freePerAccountAndAddress: 3, freePerAddress: 6, maxDelayPerAddressMs: 8000 };
    const clock = manualClock();
    const memory = new SignInLimits(options, clock);
    const redis = new RedisSignInLimits(redisBus(), options, clock, quietLog);
    // A fixed pseudo-random script of attempts by a few accounts from a few addresses, with time passing.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const outcomes: string[] = [];
    for (let step = 0; step < 300; step++) {
      const email = `m${next(3)}@example.org`;
      const address = `198.51.100.${next(2)}`;
      const [fromMemory, fromRedis] = [await outcome(memory, email, address), await outcome(redis, email, address)];
      expect(fromRedis.result, `step ${step}`).toBe(fromMemory.result);
      outcomes.push(fromMemory.result);
      const end = next(10);
      if (end === 0) await Promise.all([fromMemory.attempt?.succeeded(), fromRedis.attempt?.succeeded()]);
      else if (end === 1) await Promise.all([fromMemory.attempt?.cancelled(), fromRedis.attempt?.cancelled()]);
      const pause = next(20);
      clock.advance(pause === 0 ? options.forgetAfterMs : pause * 150);
    }
    // The script went through every kind of answer.
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(30);
    expect(new Set(outcomes.filter((o) => o.startsWith('wait'))).size).toBeGreaterThan(3);
  });

  it('falls back to the in-memory limits, within its timeout, when Redis fails or does not answer', async () => {
    const options = { ...DEFAULT_SIGN_IN_LIMITS, freePerAccountAndAddress: 2 };
    const warnings: string[] = [];
    const log = { warn: (message: string) => void warnings.push(message), error: () => undefined };
    const failing = new RedisSignInLimits(
      { key: (name) => name, runScript: () => Promise.reject(new Error('connection refused')) },
      options,
      () => new Date(),
      log,
    );
    expect((await outcome(failing, 'a@example.org', '192.0.2.1')).result).toBe('ok');
    expect((await outcome(failing, 'a@example.org', '192.0.2.1')).result).toBe('ok');
    expect((await outcome(failing, 'a@example.org', '192.0.2.1')).result).toBe('wait 1');
    expect(failing.fallback.tracked).toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/limited by this process alone/);

    const silent = new RedisSignInLimits(
      { key: (name) => name, runScript: () => new Promise(() => undefined) },
      options,
      () => new Date(),
      log,
      200,
    );
    const started = Date.now();
    const attempt = await silent.begin('b@example.org', '192.0.2.2');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(silent.fallback.tracked).toBe(2);
    await attempt.succeeded();
  });
});
