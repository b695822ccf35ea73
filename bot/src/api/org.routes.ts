import { Router, type NextFunction, type Request, type Response } from 'express';
import { DomainError, OrgRollupResponse, TENANT_SCOPE, addWeeks, isoWeekOf, orgRollup, resolveK, type Store } from '@humandebt/core';

export interface OrgRoutesDeps {
  store: Store;
  tenantK: number;
  now?: () => Date;
}

/**
 * Org roll-up for holders of the org role the tenant's admin grants (grant documents). Everyone else: 403. Reads a
 * few weeks of rollups per team of the caller's tenant, never raw responses.
 */
export function orgRoutes(deps: OrgRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.get('/rollup', (req: Request, res: Response, next: NextFunction) => {
    (async () => {
      if (Object.keys(req.query).length > 0) throw new DomainError('validation', 'no query parameters', { details: ['query: this endpoint takes no parameters'] });
      const { tenantId, userId } = req.caller!;
      const grant = await deps.store.grants.get({ tenantId, teamId: TENANT_SCOPE, id: userId });
      if (!grant || !grant.roles.includes('org-viewer')) throw new DomainError('forbidden', 'no org role');
      const asOfWeek = isoWeekOf(now());
      const from = addWeeks(asOfWeek, -8);
      const teams = await deps.store.teams.listByTenant(tenantId);
      const data = await Promise.all(
        teams.map(async (team) => ({
          team,
          rollups: await deps.store.rollups.listWeeks(tenantId, team.id, from, asOfWeek),
          meetingLoad: await deps.store.meetingLoad.listWeeks(tenantId, team.id, from, asOfWeek),
        })),
      );
      // One k for the whole tree: the strictest of the tenant default and every team's own setting.
      const k = Math.max(resolveK({ tenantK: deps.tenantK }), ...teams.map((t) => resolveK({ tenantK: deps.tenantK, teamK: t.settings.kThreshold })));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(OrgRollupResponse.parse(orgRollup({ tenantLabel: 'Whole organisation', teams: data, asOfWeek, k, orgUnits: grant.orgUnits })));
    })().catch(next);
  });
  return router;
}
