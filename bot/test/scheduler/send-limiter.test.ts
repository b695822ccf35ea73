import { describe, expect, it } from 'vitest';
import { retryAfterMs, SendLimiter, type Clock } from '../../src/teams/send-limiter';

function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe('per-conversation send limits', () => {
  it('spaces sends to 7 per second and 60 per 30 seconds in one conversation', async () => {
    const clock = fakeClock();
    const limiter = new SendLimiter(
      { perSecond: 7, perThirtySeconds: 60, maxRetries: 3, maxRetryAfterMs: 60_000 },
      clock,
    );
    const times: number[] = [];
    await Promise.all(Array.from({ length: 70 }, () => limiter.run('conv', async () => times.push(clock.t))));
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(1_000);
    for (let i = 60; i < times.length; i++) expect(times[i]! - times[i - 60]!).toBeGreaterThanOrEqual(30_000);
    // Another conversation is not held up.
    const t0 = clock.t;
    await limiter.run('other', async () => undefined);
    expect(clock.t).toBe(t0);
  });

  it('honours Retry-After on 429 and gives up after the retry budget', async () => {
    const clock = fakeClock();
    const limiter = new SendLimiter(
      { perSecond: 7, perThirtySeconds: 60, maxRetries: 2, maxRetryAfterMs: 60_000 },
      clock,
    );
    let calls = 0;
    const tooMany = Object.assign(new Error('429'), {
      statusCode: 429,
      response: { headers: { get: (n: string) => (n === 'retry-after' ? '3' : undefined) } },
    });
    const result = await limiter.run('c', async () => {
      if (++calls < 3) throw tooMany;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(clock.sleeps.filter((s) => s === 3_000)).toHaveLength(2);
    await expect(limiter.run('c', async () => Promise.reject(tooMany))).rejects.toBe(tooMany);
    await expect(
      limiter.run('c', async () => Promise.reject(Object.assign(new Error('500'), { statusCode: 500 }))),
    ).rejects.toThrow('500');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs({ statusCode: 429, response: { headers: { 'retry-after': '2' } } })).toBe(2_000);
    expect(
      retryAfterMs(
        { statusCode: 429, response: { headers: { 'retry-after': new Date(10_000).toUTCString() } } },
        4_000,
      ),
    ).toBe(6_000);
    expect(retryAfterMs({ statusCode: 500 })).toBeUndefined();
  });
});
