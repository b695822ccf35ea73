import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Store } from '@humandebt/core';
import { apiV1 } from './api/v1.routes';
import type { Authenticator } from './auth/identity';
import type { Pseudonyms } from './pulse/pseudonyms';
import type { Config } from './config';
import { correlation, errorHandler, securityHeaders, sendError } from './http/middleware';
import { landingPage } from './landing';
import { RateLimiter } from './http/rate-limit';
import { activityProblems } from './http/activity-shape';
import { precompressedStatic } from './http/precompressed-static';

export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  authenticator: Authenticator;
  /** Handles POST /api/messages (botbuilder lives behind this seam, in ./teams). */
  botHandler: (req: Request, res: Response) => Promise<void>;
  /** Folders with the built tab and add-in. */
  staticRoots: { tab: string; addin: string };
  version: string;
  pseudonyms: Pseudonyms;
  now?: () => Date;
  /** Set while draining on shutdown: new requests get 503. */
  isDraining?: () => boolean;
}

/**
 * Request bodies are small by design (card submits, API bodies); a bigger one is refused before it is parsed. The REST
 * API parses bodies only after authentication (apiV1); the bot endpoint needs the activity for its token gate.
 */
const BODY_LIMIT = '256kb';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag on dynamic responses: bot answers are POSTs and API data is not cached, so hashing every body is waste.
  // Static files keep theirs (express.static has its own).
  app.set('etag', false);
  app.use(correlation(deps.logger));
  app.use(securityHeaders(deps.config.mode));
  app.use((req, res, next) => {
    if (deps.isDraining?.()) {
      res.setHeader('Connection', 'close');
      sendError(req, res, 'store_unavailable');
      return;
    }
    next();
  });

  app.post('/api/messages', express.json({ limit: BODY_LIMIT }), (req: Request, res: Response, next: NextFunction) => {
    const problems = activityProblems(req.body);
    if (problems.length > 0) {
      sendError(req, res, 'validation', problems.slice(0, 5));
      return;
    }
    deps.botHandler(req, res).catch(next);
  });

  app.use(
    '/api/v1',
    apiV1({
      bodyLimit: BODY_LIMIT,
      store: deps.store,
      authenticator: deps.authenticator,
      mode: deps.config.mode,
      version: deps.version,
      pseudonyms: deps.pseudonyms,
      tenantK: deps.config.privacyK,
      rateLimiter: new RateLimiter(deps.config.rateLimits),
      ...(deps.now ? { now: deps.now } : {}),
    }),
  );

  const tabReady = existsSync(join(deps.staticRoots.tab, 'index.html'));
  const addinReady = existsSync(join(deps.staticRoots.addin, 'taskpane.html'));
  if (deps.config.serveStatic) {
    const options = { index: 'index.html', fallthrough: true, maxAge: '1h', setHeaders: noCacheForHtml };
    // Brotli or gzip siblings from the build when the browser accepts them; the files as they are otherwise.
    const compressed = { maxAgeSeconds: 3600 };
    app.use(
      '/tab',
      precompressedStatic(deps.staticRoots.tab, compressed),
      express.static(deps.staticRoots.tab, options),
    );
    app.use(
      '/addin',
      precompressedStatic(deps.staticRoots.addin, compressed),
      express.static(deps.staticRoots.addin, options),
    );
  }

  app.get('/', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-store');
    res.send(landingPage({ mode: deps.config.mode, port: deps.config.port, tabReady, addinReady }));
  });

  app.use((req, res) => sendError(req, res, 'not_found'));
  app.use(errorHandler);
  return app;
}

function noCacheForHtml(res: Response, path: string): void {
  // HTML must always be fresh so a new build's hashed assets are picked up; assets are content-hashed.
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
