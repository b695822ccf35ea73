import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  DomainError,
  OrgRollupResponse,
  TENANT_SCOPE,
  addWeeks,
  gate,
  isShareWeekPublished,
  lastPublishedPulseWeek,
  orgRollup,
  resolveK,
  type OrgNode,
  type Store,
} from '@humandebt/core';

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
      if (Object.keys(req.query).length > 0)
        throw new DomainError('validation', 'no query parameters', {
          details: ['query: this endpoint takes no parameters'],
        });
      const { tenantId, userId } = req.caller!;
      const grant = await deps.store.grants.get({ tenantId, teamId: TENANT_SCOPE, id: userId });
      if (!grant || !grant.roles.includes('org-viewer')) throw new DomainError('forbidden', 'no org role');
      // Only weeks whose collection has closed (see core's publication.ts): published figures never change.
      const at = now();
      const asOfWeek = lastPublishedPulseWeek(at);
      const from = addWeeks(asOfWeek, -8);
      const teams = await deps.store.teams.listByTenant(tenantId);
      const data = await Promise.all(
        teams.map(async (team) => ({
          team,
          rollups: await deps.store.rollups.listWeeks(tenantId, team.id, from, asOfWeek),
          meetingLoad: (await deps.store.meetingLoad.listWeeks(tenantId, team.id, from, asOfWeek)).filter((d) =>
            isShareWeekPublished(d.week, at),
          ),
        })),
      );
      // One k for the whole tree: the strictest of the tenant default and every team's own setting.
      const k = Math.max(
        resolveK({ tenantK: deps.tenantK }),
        ...teams.map((t) => resolveK({ tenantK: deps.tenantK, teamK: t.settings.kThreshold })),
      );
      // The suppression plan is always made on the whole tenant, so every viewer — whatever units they were granted,
      // and however their grant changes — is shown a subset of the same released totals. A plan per grant would let
      // two viewers (or one viewer before and after a grant change) combine totals that each plan alone kept apart.
      const full = orgRollup({ tenantLabel: 'Whole organisation', teams: data, asOfWeek, k, orgUnits: ['*'] });
      const body = grant.orgUnits.includes('*')
        ? full
        : restrictToGrant(
            full,
            orgRollup({ tenantLabel: 'Whole organisation', teams: data, asOfWeek, k, orgUnits: grant.orgUnits }),
            grant.orgUnits,
            k,
          );
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(OrgRollupResponse.parse(body));
    })().catch(next);
  });
  return router;
}

/**
 * A granted viewer's roll-up: the units of the grant, exactly as the whole-tenant plan shows them. The viewer's own
 * total (the root, "their" organisation) is a sum the whole-tenant plan never considered; it is shown only when every
 * unit under it is shown anyway — then it adds nothing — and hidden otherwise, because root minus the shown units
 * would be the hidden ones.
 */
function restrictToGrant(
  full: OrgRollupResponse,
  own: OrgRollupResponse,
  orgUnits: readonly string[],
  k: number,
): OrgRollupResponse {
  const units = new Set(orgUnits.map((u) => `unit:${u}`));
  return {
    ...full,
    metrics: full.metrics.map((m) => {
      const ownRoot = own.metrics.find((x) => x.key === m.key)!.tree;
      const children: OrgNode[] = m.tree.children.filter(
        (u) => units.has(u.id) && ownRoot.children.some((o) => o.id === u.id),
      );
      const result = children.every((u) => !u.result.suppressed)
        ? ownRoot.result
        : (JSON.parse(JSON.stringify(gate(k, () => null, k, 'complementary'))) as OrgNode['result']);
      return { ...m, tree: { ...ownRoot, result, children } };
    }),
  };
}
