import { toApiError } from './api-client';
import type { Resource } from './use-resource';

/**
 * A request started before React renders (in the app's entry, while the rest of the page starts), so the first render
 * can show its answer instead of a spinner that a second render replaces a moment later.
 *
 * The request is handed over once (`take`): the component that uses it takes it on mount, and a retry or a later
 * visit asks the service again.
 */
export class Preload<T> {
  #request: Promise<T> | undefined;
  #state: Resource<T> = { status: 'loading' };
  /** Resolves when the answer is in, either way. Never rejects. */
  readonly settled: Promise<void>;

  constructor(request: Promise<T>) {
    this.#request = request;
    this.settled = request.then(
      (data) => {
        this.#state = { status: 'ready', data };
      },
      (error: unknown) => {
        this.#state = { status: 'error', error: toApiError(error) };
      },
    );
  }

  /** What a first render can show now: the answer once it is in, loading until then. */
  get state(): Resource<T> {
    return this.#state;
  }

  /** The request itself, once; undefined after it was taken. */
  take(): Promise<T> | undefined {
    const request = this.#request;
    this.#request = undefined;
    return request;
  }
}

/** Resolves when every preload has settled or after `ms`, whichever comes first. Never rejects. */
export function settledWithin(preloads: readonly (Preload<unknown> | undefined)[], ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  const all = Promise.all(preloads.flatMap((p) => (p ? [p.settled] : []))).then(() => undefined);
  return Promise.race([all, timeout]).finally(() => clearTimeout(timer));
}
