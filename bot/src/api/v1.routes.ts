import express, { Router, type NextFunction, type Request, type Response } from 'express';
import {
  DomainError,
  HealthResponse,
  MeResponse,
  TeamsListResponse,
  teamK,
  type Store,
  type TeamSummary,
} from '@humandebt/core';
import type { Authenticator, Caller } from '../auth/identity';
import type { Pseudonyms } from '../pulse/pseudonyms';
import { teamRoutes } from './teams.routes';
import type { RateLimiter } from '../http/rate-limit';
import { orgRoutes } from './org.routes';
import { adminRoutes } from './admin.routes';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

export interface ApiDeps {
  store: Store;
  authenticator: Authenticator;
  /** The largest JSON body a signed-in caller may send (express's size syntax, e.g. '256kb'). */
  bodyLimit: string;
  mode: 'local' | 'production';
  version: string;
  pseudonyms: Pseudonyms;
  tenantK: number;
  now?: () => Date;
  rateLimiter?: RateLimiter;
}

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (h: Handler) => (req: Request, res: Response, next: NextFunction) => h(req, res).catch(next);

/**
 * REST API v1 for the tab and the add-in. Each handler reads AUTH → VALIDATION → RESOLUTION, and validates its own
 * response against the shared contract before sending, so a contract drift fails loudly in tests, not in a client.
 */
export function apiV1(deps: ApiDeps): Router {
  const router = Router();

  // Health is public: load balancers and the landing page call it without a token. It says nothing about tenants.
  router.get(
    '/health',
    wrap(async (_req, res) => {
      const store = await deps.store.health();
      const body = HealthResponse.parse({
        status: store.ok ? 'ok' : 'degraded',
        version: deps.version,
        mode: deps.mode,
        store: { kind: store.kind, ok: store.ok },
      });
      res.status(store.ok ? 200 : 503).json(body);
    }),
  );

  // Everything below needs a caller. AUTH first, before any validation or store access; then the caller's and the
  // tenant's rate limits.
  router.use((req, _res, next) => {
    deps.authenticator.authenticate(req.header('authorization')).then((caller) => {
      req.caller = caller;
      next();
    }, next);
  });
  if (deps.rateLimiter) router.use(deps.rateLimiter.middleware());
  // Bodies are read only for a caller who passed both: an anonymous client cannot make the service parse anything.
  router.use(express.json({ limit: deps.bodyLimit }));

  router.get(
    '/me',
    wrap(async (req, res) => {
      const c = req.caller!;
      res.json(
        MeResponse.parse({
          userId: c.userId,
          displayName: c.displayName,
          tenantId: c.tenantId,
          mode: c.source === 'local' ? 'local' : 'production',
        }),
      );
    }),
  );

  router.get(
    '/teams',
    wrap(async (req, res) => {
      const { tenantId, userId } = req.caller!;
      const memberships = await deps.store.members.listByUser(tenantId, userId);
      const teams: TeamSummary[] = [];
      for (const m of memberships) {
        const team = await deps.store.teams.get({ tenantId, teamId: m.teamId, id: m.teamId });
        if (!team) continue; // a roster entry whose team was removed: not the caller's team any more
        const roster = await deps.store.members.listByTeam(tenantId, m.teamId);
        const k = teamK(team, deps.tenantK);
        teams.push({
          teamId: team.id,
          name: team.name,
          role: m.role,
          ...(team.orgUnit ? { orgUnit: team.orgUnit } : {}),
          memberCount: roster.length,
          kThreshold: k,
          belowThreshold: roster.length < k,
        });
      }
      teams.sort((a, b) => a.name.localeCompare(b.name));
      res.json(TeamsListResponse.parse({ teams }));
    }),
  );

  router.use('/admin', adminRoutes({ store: deps.store, ...(deps.now ? { now: deps.now } : {}) }));
  router.use('/org', orgRoutes({ store: deps.store, tenantK: deps.tenantK, ...(deps.now ? { now: deps.now } : {}) }));
  router.use(
    '/teams',
    teamRoutes({
      store: deps.store,
      pseudonyms: deps.pseudonyms,
      tenantK: deps.tenantK,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  );

  router.use((_req, _res, next) => next(new DomainError('not_found', 'no such API route')));
  return router;
}
