/**
 * The error catalogue. Every error the domain or an adapter raises on purpose comes from here, so the HTTP layer
 * and the bot can map it to a status and a user-facing message without ever showing `error.message` of an
 * unexpected error to anyone.
 */
export type ErrorCode =
  | 'not_found'
  | 'conflict'
  | 'already_exists'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'payload_too_large'
  | 'store_unavailable'
  | 'config';

/** HTTP status and the message a person may see for each code. */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, { status: number; publicMessage: string }>> = {
  not_found: { status: 404, publicMessage: 'Not found.' },
  conflict: { status: 409, publicMessage: 'Someone else changed this at the same time. Please try again.' },
  already_exists: { status: 409, publicMessage: 'This already exists.' },
  validation: { status: 400, publicMessage: 'The request is not valid.' },
  unauthenticated: { status: 401, publicMessage: 'Sign-in is required.' },
  forbidden: { status: 403, publicMessage: 'You do not have access to this.' },
  rate_limited: { status: 429, publicMessage: 'Too many requests. Please wait a moment.' },
  payload_too_large: { status: 413, publicMessage: 'The request is too large.' },
  store_unavailable: { status: 503, publicMessage: 'The service is temporarily unavailable. Please try again.' },
  config: { status: 500, publicMessage: 'The service is not configured correctly.' },
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Safe, specific details a client may see (e.g. which field was invalid). Never secrets or stack traces. */
  readonly details: readonly string[];
  constructor(code: ErrorCode, message: string, options?: { details?: readonly string[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details ?? [];
  }
  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** A write carried an ETag that no longer matches the stored document (someone else wrote first). */
export class ConflictError extends DomainError {
  constructor(message = 'The document changed since it was read.', cause?: unknown) {
    super('conflict', message, { cause });
  }
}

/** A create hit an existing document with the same key. */
export class AlreadyExistsError extends DomainError {
  constructor(message = 'A document with this key already exists.', cause?: unknown) {
    super('already_exists', message, { cause });
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', message);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: readonly string[] = []) {
    super('validation', message, { details });
  }
}

export class StoreUnavailableError extends DomainError {
  constructor(message = 'The store did not answer.', cause?: unknown) {
    super('store_unavailable', message, { cause });
  }
}

export class ConfigError extends DomainError {
  constructor(message: string, details: readonly string[] = []) {
    super('config', message, { details });
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
