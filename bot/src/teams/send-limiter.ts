/**
 * Teams limits what a bot may send into one conversation (7 messages per second, 60 per 30 seconds; see
 * docs/platform-limits.md) and answers 429 with Retry-After beyond that. Proactive sends (pulses, reminders, card
 * updates from the scheduler) go through this limiter: it spaces sends per conversation and, on a 429, waits as
 * told and tries again a bounded number of times. It is per process; with N instances the scheduler's leases make
 * sure only one instance fans out a given job, so the per-conversation rate still holds.
 */

export interface SendLimits {
  perSecond: number;
  perThirtySeconds: number;
  maxRetries: number;
  /** Cap on one Retry-After wait, so a bogus header cannot park a job for hours. */
  maxRetryAfterMs: number;
}

export const TEAMS_SEND_LIMITS: SendLimits = {
  perSecond: 7,
  perThirtySeconds: 60,
  maxRetries: 3,
  maxRetryAfterMs: 60_000,
};

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export class SendLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly limits: SendLimits = TEAMS_SEND_LIMITS,
    private readonly clock: Clock = realClock,
  ) {}

  /** Runs `send` for `conversationId` when the limits allow, retrying on 429 after Retry-After. Serialised per conversation. */
  run<T>(conversationId: string, send: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.attempt(conversationId, send));
    this.queues.set(conversationId, next);
    void next
      .finally(() => {
        if (this.queues.get(conversationId) === next) this.queues.delete(conversationId);
      })
      .catch(() => undefined);
    return next;
  }

  private async attempt<T>(conversationId: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForSlot(conversationId);
      try {
        return await send();
      } catch (e) {
        const wait = retryAfterMs(e);
        if (wait === undefined || attempt >= this.limits.maxRetries) throw e;
        await this.clock.sleep(Math.min(wait, this.limits.maxRetryAfterMs));
      }
    }
  }

  private async waitForSlot(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const times = (this.sent.get(conversationId) ?? []).filter((t) => now - t < 30_000);
      const lastSecond = times.filter((t) => now - t < 1_000);
      let wait = 0;
      if (lastSecond.length >= this.limits.perSecond) wait = Math.max(wait, 1_000 - (now - (lastSecond[0] ?? now)));
      if (times.length >= this.limits.perThirtySeconds) wait = Math.max(wait, 30_000 - (now - (times[0] ?? now)));
      if (wait <= 0) {
        times.push(now);
        this.sent.set(conversationId, times);
        return;
      }
      this.sent.set(conversationId, times);
      await this.clock.sleep(wait);
    }
  }
}

/** Retry-After of a 429 in milliseconds (seconds or an HTTP date), or undefined when the error is not a 429. */
export function retryAfterMs(e: unknown, now = Date.now()): number | undefined {
  const err = e as {
    statusCode?: number;
    status?: number;
    response?: {
      status?: number;
      headers?: { get?(name: string): string | undefined | null } | Record<string, string>;
    };
    retryAfter?: unknown;
  };
  const status = err?.statusCode ?? err?.status ?? err?.response?.status;
  if (status !== 429) return undefined;
  const headers = err.response?.headers;
  const raw =
    typeof (headers as { get?: unknown })?.get === 'function'
      ? (headers as { get(n: string): string | undefined | null }).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  const value =
    raw ??
    (typeof err.retryAfter === 'string' || typeof err.retryAfter === 'number' ? String(err.retryAfter) : undefined);
  if (value === undefined || value === null) return 1_000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : 1_000;
}
