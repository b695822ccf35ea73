import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse, TeamsListResponse } from '@humandebt/core';
import { entraAuthenticator } from '../../src/auth/identity';
import { seedDemoData } from '../../src/seed/demo-data';
import { activity, startTestService } from '../support';

const CLIENT_ID = '00000000-0000-0000-0000-0000000000c1';
const APP_ID_URI = `api://localhost/${CLIENT_ID}`;
const TENANT = 'demo-tenant';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * Production mode end to end: the REST API accepts only valid Entra tokens (checked against a local key set with
 * tokens minted here), and the bot endpoint rejects requests without a Bot Connector token.
 */
describe('production mode', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let privateKey: PrivateKey;
  let otherKey: PrivateKey;
  let publicPem: string;

  const mint = (claims: Record<string, unknown>, opts: { key?: PrivateKey; kid?: string; expSeconds?: number } = {}) =>
    new SignJWT({ tid: TENANT, oid: 'demo-manager', name: 'Morgan', scp: 'access_as_user', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
      .setIssuer(String(claims.iss ?? `https://login.microsoftonline.com/${String(claims.tid ?? TENANT)}/v2.0`))
      .setAudience(String(claims.aud ?? CLIENT_ID))
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expSeconds ?? 600))
      .sign(opts.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const env = {
      HD_MODE: 'production',
      BOT_APP_ID: '00000000-0000-0000-0000-0000000000b0',
      BOT_APP_PASSWORD: 'not-a-real-secret',
      BOT_TENANT_ID: TENANT,
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_APP_ID_URI: APP_ID_URI,
      ALLOWED_TENANTS: TENANT,
      PSEUDONYM_SECRET: 's'.repeat(48),
    };
    const { loadConfig } = await import('../../src/config');
    const entra = loadConfig({ ...env, PORT: '0' }).entra!;
    svc = await startTestService(env, { authenticator: entraAuthenticator(entra, createLocalJWKSet({ keys: [jwk] })) });
    await seedDemoData(svc.store); // production never seeds by itself; the test puts a roster in place
  });
  afterAll(async () => svc?.stop());

  const teams = (token?: string) =>
    fetch(`${svc.url}/api/v1/teams`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('serves a valid token (v2 audience and v1 Application ID URI audience)', async () => {
    for (const aud of [CLIENT_ID, APP_ID_URI]) {
      const res = await teams(await mint({ aud }));
      expect(res.status).toBe(200);
      expect(TeamsListResponse.parse(await res.json()).teams).toHaveLength(3);
    }
    const v1 = await teams(await mint({ iss: `https://sts.windows.net/${TENANT}/` }));
    expect(v1.status).toBe(200);
  });

  it('rejects missing, forged, expired, mis-addressed and under-scoped tokens with 401 and no data', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['garbage', 'not.a.jwt'],
      ['signed by another key', await mint({}, { key: otherKey })],
      ['unknown key id', await mint({}, { kid: 'k2' })],
      ['expired', await mint({}, { expSeconds: -3600 })],
      ['wrong audience', await mint({ aud: 'api://someone-else' })],
      ['tenant not allowed', await mint({ tid: 'other-tenant' })],
      ['issuer of another tenant', await mint({ iss: 'https://login.microsoftonline.com/other-tenant/v2.0' })],
      ['missing access_as_user', await mint({ scp: 'User.Read' })],
      // The classic confusion attack: HS256 "signed" with the RSA public key as the HMAC secret.
      [
        'HS256 with the public key',
        await new SignJWT({ tid: TENANT, oid: 'demo-manager', scp: 'access_as_user' })
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
          .setAudience(CLIENT_ID)
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(publicPem)),
      ],
      [
        'alg none',
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ tid: TENANT, oid: 'demo-manager', aud: CLIENT_ID })).toString('base64url')}.`,
      ],
    ];
    for (const [name, token] of cases) {
      const res = await teams(token);
      expect(res.status, name).toBe(401);
      const body = ErrorResponse.parse(await res.json());
      expect(body.error.code, name).toBe('unauthenticated');
      expect(JSON.stringify(body), name).not.toMatch(/team-|Platform|demo-manager/);
    }
  });

  it('answers 403 when a valid token of one team asks for another team of the tenant', async () => {
    await svc.store.teams.upsert({
      tenantId: TENANT,
      teamId: 'team-z',
      id: 'team-z',
      type: 'team',
      name: 'Z',
      settings: {
        kThreshold: 5,
        timeZone: 'UTC',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt: new Date().toISOString(),
    });
    const token = await mint({ oid: 'demo-aiko-tanaka' }); // on Platform's roster, no org role
    expect(
      (await fetch(`${svc.url}/api/v1/teams/team-platform/summary`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
    const res = await fetch(`${svc.url}/api/v1/teams/team-z/summary`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain('"Z"');
  });

  it('does not use a development identity in production', async () => {
    const res = await fetch(`${svc.url}/api/v1/me`);
    expect(res.status).toBe(401);
  });

  it('rejects a bot activity without a Bot Connector token and changes nothing', async () => {
    const before = await svc.store.teams.listByTenant(TENANT);
    const res = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity('help')),
    });
    expect(res.status).toBe(401);
    expect(await svc.store.teams.listByTenant(TENANT)).toEqual(before);
  });
});
