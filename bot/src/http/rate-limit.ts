import type { NextFunction, Request, Response } from 'express';
import { sendError } from './middleware';

/**
 * Token buckets per user and per tenant for the REST API. Each instance keeps its own buckets (no shared state to
 * lose or to slow every request down); with N instances behind a balancer the effective limit is up to N times the
 * setting, which is what the setting is sized for. A refused request gets 429 with Retry-After in whole seconds.
 */
export interface RateLimits {
  /** Sustained requests per minute per user, and the burst a user may spend at once. */
  userPerMinute: number;
  userBurst: number;
  tenantPerMinute: number;
  tenantBurst: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;
  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token from each bucket; returns 0 when allowed, else the seconds until a token is available. */
  take(keys: Array<{ key: string; perMinute: number; burst: number }>): number {
    const t = this.now();
    this.sweep(t);
    let wait = 0;
    const states = keys.map(({ key, perMinute, burst }) => {
      const b = this.buckets.get(key) ?? { tokens: burst, updated: t };
      const rate = perMinute / 60_000;
      const tokens = Math.min(burst, b.tokens + (t - b.updated) * rate);
      if (tokens < 1) wait = Math.max(wait, Math.ceil((1 - tokens) / rate / 1000));
      return { key, tokens, rate };
    });
    // All or nothing: a refused request spends no token from any bucket.
    for (const s of states) this.buckets.set(s.key, { tokens: wait === 0 ? s.tokens - 1 : s.tokens, updated: t });
    return wait;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const caller = req.caller;
      if (!caller) return next();
      const wait = this.take([
        {
          key: `u:${caller.tenantId}:${caller.userId}`,
          perMinute: this.limits.userPerMinute,
          burst: this.limits.userBurst,
        },
        { key: `t:${caller.tenantId}`, perMinute: this.limits.tenantPerMinute, burst: this.limits.tenantBurst },
      ]);
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(Math.max(1, wait)));
      sendError(req, res, 'rate_limited');
    };
  }

  /** Forgets buckets that have been full for a while, so memory stays bounded by recent callers. */
  private sweep(t: number): void {
    if (t - this.lastSweep < 60_000) return;
    this.lastSweep = t;
    for (const [key, b] of this.buckets) if (t - b.updated > 10 * 60_000) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
