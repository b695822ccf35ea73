import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  DomainError,
  TENANT_SCOPE,
  ValidationError,
  deleteUserData,
  exportUserData,
  offboardTenant,
  type Store,
} from '@humandebt/core';
import { z } from 'zod';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (h: Handler) => (req: Request, res: Response, next: NextFunction) => h(req, res).catch(next);

const USER_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const OffboardBody = z.object({ confirm: z.string() }).strict();
/** Pages of deletes per offboarding request: the job is resumed by calling again until `complete`. */
const OFFBOARD_PAGES_PER_REQUEST = 20;

/**
 * Data-rights API for the tenant's admins (grant role 'tenant-admin'), always within the caller's own tenant: there
 * is no parameter that names a tenant, so no admin can reach another tenant's data.
 */
export function adminRoutes(deps: { store: Store; now?: () => Date }): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  // AUTH first: only holders of the tenant-admin role of the caller's own tenant get past this point.
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const { tenantId, userId } = req.caller!;
    deps.store.grants.get({ tenantId, teamId: TENANT_SCOPE, id: userId }).then((grant) => {
      if (!grant?.roles.includes('tenant-admin')) next(new DomainError('forbidden', 'not a tenant admin'));
      else next();
    }, next);
  });

  const userParam = (req: Request): string => {
    const id = String(req.params.userId ?? '');
    if (!USER_ID.test(id)) throw new ValidationError('Invalid user id.', ['userId: letters, digits and . _ : - only']);
    return id;
  };

  router.get(
    '/users/:userId/export',
    wrap(async (req, res) => {
      const userId = userParam(req);
      const data = await exportUserData(deps.store, req.caller!.tenantId, userId, now());
      req.log.info({ admin: req.caller!.userId, subject: 'user-export' }, 'data-rights export');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="humandebt-export-${userId}.json"`);
      res.json(data);
    }),
  );

  router.delete(
    '/users/:userId',
    wrap(async (req, res) => {
      const userId = userParam(req);
      const result = await deleteUserData(deps.store, req.caller!.tenantId, userId, now());
      req.log.info({ admin: req.caller!.userId, subject: 'user-delete', ...result }, 'data-rights deletion');
      res.json(result);
    }),
  );

  router.post(
    '/offboard',
    wrap(async (req, res) => {
      const { tenantId } = req.caller!;
      const parsed = OffboardBody.safeParse(req.body);
      const expected = `delete all data of ${tenantId}`;
      if (!parsed.success || parsed.data.confirm !== expected) {
        throw new ValidationError('Offboarding deletes every document of this tenant.', [
          `confirm: type exactly "${expected}"`,
        ]);
      }
      const result = await offboardTenant(deps.store, tenantId, { maxPages: OFFBOARD_PAGES_PER_REQUEST });
      req.log.warn({ admin: req.caller!.userId, subject: 'tenant-offboard', ...result }, 'tenant offboarding step');
      res.json({ ...result, next: result.complete ? null : 'Call again with the same body to continue.' });
    }),
  );

  return router;
}
