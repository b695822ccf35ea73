import { describe, expect, it } from 'vitest';
import { ErrorResponse } from '@humandebt/core';
import { RateLimiter } from '../../src/http/rate-limit';
import { startTestService } from '../support';

describe('rate limits', () => {
  it('refills per minute, refuses beyond the burst with the seconds to wait, and spends nothing on a refusal', () => {
    let now = 0;
    const rl = new RateLimiter({ userPerMinute: 60, userBurst: 3, tenantPerMinute: 600, tenantBurst: 100 }, () => now);
    const user = [
      { key: 'u', perMinute: 60, burst: 3 },
      { key: 't', perMinute: 600, burst: 5 },
    ];
    expect([rl.take(user), rl.take(user), rl.take(user)]).toEqual([0, 0, 0]);
    expect(rl.take(user)).toBe(1); // one token per second
    now += 1000;
    expect(rl.take(user)).toBe(0);
    // The tenant bucket (burst 5, 10/s) limits all its users together: other users drain what is left.
    const other = (k: string) => [
      { key: k, perMinute: 60, burst: 3 },
      { key: 't', perMinute: 600, burst: 5 },
    ];
    expect([rl.take(other('a')), rl.take(other('b')), rl.take(other('c')), rl.take(other('d'))]).toEqual([0, 0, 0, 0]);
    expect(rl.take(other('e'))).toBe(1);
    now += 20 * 60_000;
    rl.take([{ key: 'x', perMinute: 60, burst: 3 }]);
    expect(rl.size).toBe(1); // idle buckets are forgotten
  });

  it('answers 429 with Retry-After over HTTP once a user exceeds the limit, and health is never limited', async () => {
    const svc = await startTestService({ RATE_LIMIT_USER_PER_MINUTE: '60' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 15; i++) {
        const res = await fetch(`${svc.url}/api/v1/me`);
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(ErrorResponse.parse(await res.json()).error.code).toBe('rate_limited');
        } else await res.arrayBuffer();
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true); // burst = max(10, 60/10)
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${svc.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await svc.stop();
    }
  });
});
