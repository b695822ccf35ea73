import { ERROR_CATALOGUE, ErrorResponse, type ErrorCode } from '@humandebt/core';

/** Anything with zod's `safeParse`: the client validates every answer with the contract schemas from core. */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** Codes the client adds to the service's catalogue for failures that never reach (or never leave) the service. */
export type ClientErrorCode = 'network' | 'invalid_response' | 'unexpected';

/**
 * A failed API call. `userMessage` is always safe to show: it comes from the service's error catalogue or from the
 * fixed client messages below, never from an exception. `message` is for logs only.
 */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode | (string & {});
  /** HTTP status, or 0 when there was no HTTP answer. */
  readonly status: number;
  readonly userMessage: string;
  /** The service's correlation id, shown so support can find the request. */
  readonly correlationId: string | undefined;
  constructor(init: {
    code: ApiError['code'];
    status: number;
    userMessage: string;
    correlationId?: string;
    cause?: unknown;
  }) {
    super(`API error ${init.status} ${init.code}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.userMessage = init.userMessage;
    this.correlationId = init.correlationId;
  }
}

export const CLIENT_MESSAGES: Readonly<Record<ClientErrorCode, string>> = {
  network: 'The Human Debt service could not be reached. Check your connection and try again.',
  invalid_response:
    'The service answered in a way this page does not understand. Reload the page to get the latest version.',
  unexpected: 'Something went wrong. Please try again.',
};

/** Turns anything thrown into an ApiError, so no raw exception text can reach the screen. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ code: 'unexpected', status: 0, userMessage: CLIENT_MESSAGES.unexpected, cause: error });
}

export interface ApiClientOptions {
  fetch: typeof fetch;
  /** Resolves to a bearer token, or undefined when the caller runs without one (local mode). */
  getToken: () => Promise<string | undefined>;
  /** Prefix for every path; the service serves the API on the page's own origin, so the default is ''. */
  baseUrl?: string;
}

export interface ApiClient {
  getJson<T>(path: string, schema: Schema<T>, init?: { signal?: AbortSignal }): Promise<T>;
  /** POSTs `body` as JSON and validates the answer like getJson. */
  postJson<T>(path: string, body: unknown, schema: Schema<T>, init?: { signal?: AbortSignal }): Promise<T>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  async function send<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Schema<T>,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let token: string | undefined;
    try {
      token = await options.getToken();
    } catch (cause) {
      // Getting a token failed (no consent, no network to Entra ID): to the user that is "sign-in is required".
      throw catalogueError('unauthenticated', undefined, cause);
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    if (method === 'POST') headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        signal,
        ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError({ code: 'network', status: 0, userMessage: CLIENT_MESSAGES.network, cause });
    }

    const answer = await readJson(response);
    if (!response.ok) throw errorFromResponse(response.status, answer);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new ApiError({
        code: 'invalid_response',
        status: response.status,
        userMessage: CLIENT_MESSAGES.invalid_response,
      });
    }
    return parsed.data;
  }
  return {
    getJson: (path, schema, init) => send('GET', path, schema, undefined, init?.signal),
    postJson: (path, body, schema, init) => send('POST', path, schema, body, init?.signal),
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = ErrorResponse.safeParse(body);
  if (parsed.success) {
    const { code, message, correlationId } = parsed.data.error;
    return new ApiError({ code, status, userMessage: message, ...(correlationId ? { correlationId } : {}) });
  }
  // No catalogue body (a proxy or gateway answered): use the catalogue entry that fits the status.
  return catalogueError(codeForStatus(status), status);
}

function catalogueError(code: ErrorCode, status?: number, cause?: unknown): ApiError {
  const entry = ERROR_CATALOGUE[code];
  return new ApiError({ code, status: status ?? entry.status, userMessage: entry.publicMessage, cause });
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    default:
      return 'store_unavailable';
  }
}
