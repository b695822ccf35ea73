import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../../src/config';

const PROD = {
  HD_MODE: 'production',
  HOST: '0.0.0.0',
  BOT_APP_ID: '00000000-0000-0000-0000-0000000000b0',
  BOT_APP_PASSWORD: 'pw',
  BOT_TENANT_ID: 'tenant-1',
  ENTRA_CLIENT_ID: '00000000-0000-0000-0000-0000000000c1',
  ALLOWED_TENANTS: 'tenant-1, tenant-2',
  PSEUDONYM_SECRET: 'x'.repeat(40),
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv');
  } catch (e) {
    if (e instanceof ConfigurationError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to a local, loopback, SQLite run with a development identity', () => {
    const c = loadConfig({}, '/srv');
    expect(c).toMatchObject({
      mode: 'local',
      host: '127.0.0.1',
      port: 3978,
      store: { kind: 'sqlite', file: '/srv/.data/humandebt.sqlite', synchronous: 'FULL' },
      seedDemo: true,
    });
    expect(c.localIdentity).toEqual({
      tenantId: 'demo-tenant',
      userId: 'demo-manager',
      displayName: 'Morgan Demo (local)',
    });
  });

  it('allows the development identity only on loopback', () => {
    expect(problems({ HOST: '0.0.0.0' })[0]).toMatch(/HOST=0\.0\.0\.0: local mode .* only listens on loopback/);
    expect(problems({ HOST: '::1' })).toEqual([]);
  });

  it('refuses production without bot credentials, SSO, tenant allow-list and a pseudonym secret, naming each', () => {
    const p = problems({ HD_MODE: 'production', HOST: '0.0.0.0' });
    expect(p.join('\n')).toMatch(/BOT_APP_ID/);
    expect(p.join('\n')).toMatch(/BOT_APP_PASSWORD/);
    expect(p.join('\n')).toMatch(/BOT_TENANT_ID/);
    expect(p.join('\n')).toMatch(/ENTRA_CLIENT_ID/);
    expect(p.join('\n')).toMatch(/ALLOWED_TENANTS/);
    expect(p.join('\n')).toMatch(/PSEUDONYM_SECRET/);
  });

  it('accepts a complete production configuration, with no local identity and no demo seed', () => {
    const c = loadConfig(PROD, '/srv');
    expect(c.mode).toBe('production');
    expect(c.localIdentity).toBeUndefined();
    expect(c.seedDemo).toBe(false);
    expect(c.entra).toMatchObject({ clientId: PROD.ENTRA_CLIENT_ID, allowedTenants: ['tenant-1', 'tenant-2'] });
    expect(loadConfig({ ...PROD, BOT_APP_TYPE: 'UserAssignedMSI', BOT_APP_PASSWORD: '' }, '/srv').bot.appType).toBe(
      'UserAssignedMSI',
    );
  });

  it('names bad values precisely', () => {
    expect(problems({ PORT: 'eighty' })[0]).toMatch(/^PORT:/);
    expect(problems({ STORE: 'mongo' })[0]).toMatch(/^STORE:/);
    expect(problems({ PRIVACY_K: '2' })[0]).toMatch(/^PRIVACY_K: the privacy threshold can never be below 3/);
    expect(loadConfig({ PRIVACY_K: '7' }, '/srv').privacyK).toBe(7);
    expect(problems({ STORE: 'cosmos' })).toEqual(['COSMOS_ENDPOINT is required when STORE=cosmos']);
    // Without a key the service uses its managed identity (the production setup).
    expect(
      loadConfig({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }, '/srv').store,
    ).toEqual({ kind: 'cosmos', endpoint: 'https://acct.documents.azure.com:443/', databaseId: 'humandebt' });
    expect(problems({ STORE: 'cosmos', COSMOS_ENDPOINT: 'not a url', COSMOS_KEY: 'k' })[0]).toMatch(
      /^COSMOS_ENDPOINT:/,
    );
  });
});
