import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ERROR_CATALOGUE, isDomainError, type ErrorCode } from '@humandebt/core';

declare module 'express-serve-static-core' {
  interface Request {
    correlationId: string;
    log: Logger;
  }
}

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's x-correlation-id when it is sane, else makes one; echoes it and binds a child logger. */
export function correlation(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-correlation-id');
    req.correlationId = incoming && CORRELATION.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-correlation-id', req.correlationId);
    req.log = logger.child({ correlationId: req.correlationId });
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      req.log.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}

/**
 * Frames: the tab must be framable by Teams (and Outlook/Office on the web, which host Teams apps too), the task pane
 * by Outlook. Nothing else may frame us. teams-js fetches a valid-domains list from Microsoft's CDN, hence connect-src.
 */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.outlook.com',
].join(' ');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://res.cdn.office.net https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net https://login.microsoftonline.com https://graph.microsoft.com",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

/** A year, subdomains included: production is served over HTTPS only (App Service httpsOnly). */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The headers every response carries. In production also HSTS, so a browser that has reached the service once never
 * sends a token over plain HTTP to it again; local mode is plain HTTP on loopback, where the header means nothing.
 */
export function securityHeaders(mode: 'local' | 'production') {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (mode === 'production') res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    next();
  };
}

export function sendError(req: Request, res: Response, code: ErrorCode, details?: readonly string[]): void {
  const entry = ERROR_CATALOGUE[code];
  res.status(entry.status).json({
    error: {
      code,
      message: entry.publicMessage,
      ...(details && details.length ? { details: [...details] } : {}),
      correlationId: req.correlationId,
    },
  });
}

/** Last error handler: catalogue errors keep their status; anything else is a 500 with no message or stack. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) {
    req.log?.error({ err }, 'error after headers were sent');
    return;
  }
  const status = (err as { status?: unknown; type?: unknown }).status;
  const type = (err as { type?: unknown }).type;
  if (isDomainError(err)) {
    if (err.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: err.code, reason: err.message }, 'request refused');
    sendError(req, res, err.code, err.code === 'validation' ? err.details : undefined);
  } else if (type === 'entity.too.large' || status === 413) {
    sendError(req, res, 'payload_too_large');
  } else if (
    type === 'entity.parse.failed' ||
    type === 'encoding.unsupported' ||
    type === 'charset.unsupported' ||
    status === 400
  ) {
    sendError(req, res, 'validation', ['The body is not valid JSON.']);
  } else {
    req.log.error({ err }, 'unhandled error');
    res.status(500).json({
      error: {
        code: 'internal',
        message: 'Something went wrong on our side. Please try again.',
        correlationId: req.correlationId,
      },
    });
  }
}
