import { ConflictError } from '../errors';

export interface RetryOptions {
  /** Total attempts including the first. Bounded on purpose: a hot document must not spin a request forever. */
  attempts?: number;
  /** Base for the jittered back-off between attempts, in milliseconds. */
  baseDelayMs?: number;
  /** Upper bound of one back-off, in milliseconds. */
  maxDelayMs?: number;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_CONFLICT_ATTEMPTS = 10;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a read-modify-write and re-runs it when the write loses an ETag race. Only ConflictError is retried; any other
 * error (validation, not found, store down) surfaces at once. After the last attempt the ConflictError is rethrown so
 * the caller can answer "try again" rather than silently dropping the write.
 */
export async function retryOnConflict<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_CONFLICT_ATTEMPTS);
  const base = options.baseDelayMs ?? 2;
  const max = options.maxDelayMs ?? 50;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= attempts) throw e;
      // Full jitter: contenders that collided once spread out instead of colliding again in lock-step.
      const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 10));
      await sleep(random() * ceiling);
    }
  }
}
