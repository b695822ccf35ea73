import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraAuthenticator } from '../../src/auth/identity';
import { loadConfig } from '../../src/config';
import { seedDemoData } from '../../src/seed/demo-data';
import { startTestService } from '../support';

/**
 * Every REST route, walked in production mode with: no token, a valid token of another (allowed) tenant, and a valid
 * token of someone in the right tenant who is on no roster and holds no role. Nothing of the demo tenant may come
 * back. The route table is checked against the routes registered in bot/src/api, so a new route cannot skip this.
 */
const CLIENT_ID = '00000000-0000-0000-0000-0000000000c1';
const TENANT = 'demo-tenant';
const OTHER = 'tenant-b';

type Method = 'GET' | 'POST' | 'DELETE';
interface Route {
  method: Method;
  path: string;
  /** The registered pattern this entry exercises. */
  pattern: string;
  body?: unknown;
  public?: boolean;
  /** What the outsider of the right tenant gets. */
  outsider: number;
  /** What a user of another tenant gets. */
  otherTenant: number;
}

const team = (view: string, method: Method = 'GET', body?: unknown): Route => ({
  method,
  path: `/api/v1/teams/team-platform/${view}`,
  pattern: `/teams/:teamId/${view}`,
  ...(body ? { body } : {}),
  outsider: 403,
  otherTenant: 404,
});

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/health', pattern: '/health', public: true, outsider: 200, otherTenant: 200 },
  { method: 'GET', path: '/api/v1/me', pattern: '/me', outsider: 200, otherTenant: 200 },
  { method: 'GET', path: '/api/v1/teams', pattern: '/teams', outsider: 200, otherTenant: 200 },
  team('summary'),
  team('psychological-safety'),
  team('dynamics'),
  team('hazards'),
  team('actions'),
  team('meeting-load'),
  team('comments'),
  team('agreements'),
  team('meeting-load', 'POST', { week: '2026-W40', metrics: {} }),
  { method: 'GET', path: '/api/v1/org/rollup', pattern: '/org/rollup', outsider: 403, otherTenant: 403 },
  {
    method: 'GET',
    path: '/api/v1/admin/users/demo-manager/export',
    pattern: '/admin/users/:userId/export',
    outsider: 403,
    otherTenant: 403,
  },
  {
    method: 'DELETE',
    path: '/api/v1/admin/users/demo-manager',
    pattern: '/admin/users/:userId',
    outsider: 403,
    otherTenant: 403,
  },
  {
    method: 'POST',
    path: '/api/v1/admin/offboard',
    pattern: '/admin/offboard',
    body: { confirm: `delete all data of ${TENANT}` },
    outsider: 403,
    otherTenant: 403,
  },
];

/** Routes registered in bot/src/api, read from the source: router.<verb>('…') and the dashboard's view('…'). */
function registeredRoutes(): string[] {
  const dir = fileURLToPath(new URL('../../src/api/', import.meta.url));
  const mounts: Record<string, string> = {
    'v1.routes.ts': '',
    'teams.routes.ts': '/teams',
    'org.routes.ts': '/org',
    'admin.routes.ts': '/admin',
  };
  const out: string[] = [];
  for (const file of readdirSync(dir)) {
    const src = readFileSync(dir + file, 'utf8');
    const prefix = mounts[file];
    if (prefix === undefined) throw new Error(`new API file ${file}: add its mount path to this test`);
    for (const m of src.matchAll(/router\.(get|post|delete|put|patch)\(\s*['"`]([^'"`]+)['"`]/g)) {
      if (!m[2]!.includes('${')) out.push(`${m[1]!.toUpperCase()} ${prefix}${m[2]}`); // the view() helper's template is listed through its calls
    }
    for (const m of src.matchAll(/\bview\(\s*['"`]([^'"`]+)['"`]/g)) out.push(`GET ${prefix}/:teamId/${m[1]}`);
  }
  return out.sort();
}

describe('every REST route, production mode', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const tokens: Record<'outsider' | 'otherTenant' | 'member', string> = { outsider: '', otherTenant: '', member: '' };

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const env = {
      HD_MODE: 'production',
      BOT_APP_ID: 'app',
      BOT_APP_PASSWORD: 'pw',
      BOT_TENANT_ID: TENANT,
      ENTRA_CLIENT_ID: CLIENT_ID,
      ALLOWED_TENANTS: `${TENANT},${OTHER}`,
      PSEUDONYM_SECRET: 's'.repeat(48),
    };
    const entra = loadConfig({ ...env, PORT: '0' }).entra!;
    svc = await startTestService(env, { authenticator: entraAuthenticator(entra, createLocalJWKSet({ keys: [jwk] })) });
    await seedDemoData(svc.store);
    const mint = (tid: string, oid: string) =>
      new SignJWT({ tid, oid, name: oid, scp: 'access_as_user' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(`https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    tokens.outsider = await mint(TENANT, 'someone-on-no-roster');
    // Same object id as the demo manager, in another tenant: ids are only unique within a tenant.
    tokens.otherTenant = await mint(OTHER, 'demo-manager');
    tokens.member = await mint(TENANT, 'demo-aiko-tanaka');
  });
  afterAll(async () => svc?.stop());

  const call = (r: Route, token?: string) =>
    fetch(`${svc.url}${r.path}`, {
      method: r.method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
    });

  it('covers every registered route', () => {
    const covered = [...new Set(ROUTES.map((r) => `${r.method} ${r.pattern}`))].sort();
    expect(covered).toEqual(registeredRoutes());
  });

  it('answers 401 without a token (health excepted) and returns nothing', async () => {
    for (const r of ROUTES) {
      const res = await call(r);
      const text = await res.text();
      expect(res.status, `${r.method} ${r.path}`).toBe(r.public ? 200 : 401);
      if (!r.public) expect(text, r.path).not.toMatch(/Platform|team-platform|demo-manager|Aiko/);
    }
  });

  it('answers a user of another tenant 404 for the tenant’s teams and 403 for roles, leaking nothing', async () => {
    for (const r of ROUTES) {
      const res = await call(r, tokens.otherTenant);
      const text = await res.text();
      expect(res.status, `${r.method} ${r.path}`).toBe(r.otherTenant);
      expect(text, r.path).not.toMatch(/Platform Engineering|Customer Success|Design Studio|Aiko/);
      if (r.path === '/api/v1/teams') expect(JSON.parse(text)).toEqual({ teams: [] });
    }
  });

  it('answers someone of the right tenant on no roster 403 for every team and role route', async () => {
    for (const r of ROUTES) {
      const res = await call(r, tokens.outsider);
      const text = await res.text();
      expect(res.status, `${r.method} ${r.path}`).toBe(r.outsider);
      if (r.outsider === 403) expect(text, r.path).not.toMatch(/Platform Engineering|"mean"|"index"/);
    }
  });

  it('still serves a member of the team (the walk is not passing because everything is closed)', async () => {
    const res = await fetch(`${svc.url}/api/v1/teams/team-platform/summary`, {
      headers: { authorization: `Bearer ${tokens.member}` },
    });
    expect(res.status).toBe(200);
    // And nothing above deleted anything: the offboarding and user deletion were refused.
    expect((await svc.store.teams.listByTenant(TENANT)).length).toBe(3);
    expect((await svc.store.members.listByUser(TENANT, 'demo-manager')).length).toBe(3);
  });
});
