/**
 * A hand-written fetch for the network edge of component tests. Each path answers from a queue of replies; the last
 * reply repeats. A reply may be a promise, so a test can hold a request open and look at the loading state.
 */
export interface FakeReply {
  status?: number;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as-is (e.g. an HTML error page from a proxy). */
  raw?: string;
}

export interface RecordedCall {
  path: string;
  method: string;
  headers: Record<string, string>;
  /** The request body as sent (a string for JSON). */
  body: unknown;
}

export class FakeFetch {
  readonly calls: RecordedCall[] = [];
  private readonly routes = new Map<string, Array<FakeReply | Promise<FakeReply>>>();

  /** Queues replies for `path` (e.g. '/api/v1/teams'); the last one keeps answering. */
  on(path: string, ...replies: Array<FakeReply | Promise<FakeReply>>): this {
    this.routes.set(path, replies);
    return this;
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'http://localhost').pathname;
    this.calls.push({
      path,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: init?.body,
    });
    const queue = this.routes.get(path);
    if (!queue || queue.length === 0) throw new TypeError(`FakeFetch: no reply for ${path}`);
    const reply = await (queue.length > 1 ? queue.shift() : queue[0])!;
    const text = reply.raw ?? JSON.stringify(reply.body ?? null);
    return new Response(text, {
      status: reply.status ?? 200,
      headers: { 'content-type': reply.raw === undefined ? 'application/json' : 'text/html' },
    });
  };
}

/** A promise the test settles by hand. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
