import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../support';

const PROD_ENV = {
  HD_MODE: 'production',
  BOT_APP_ID: '00000000-0000-0000-0000-0000000000b1',
  BOT_APP_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: 'tenant-home',
  ENTRA_CLIENT_ID: '00000000-0000-0000-0000-0000000000c1',
  ALLOWED_TENANTS: 'tenant-home',
  PSEUDONYM_SECRET: 's'.repeat(48),
};

/** A JSON body of about `bytes` bytes that is otherwise a plausible meeting-load share. */
const bodyOf = (bytes: number) => JSON.stringify({ week: '2026-W40', padding: 'x'.repeat(bytes) });

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/v1/teams/team-success/meeting-load`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('before a caller is known (production mode)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService(PROD_ENV);
  });
  afterAll(async () => svc?.stop());

  it('does not parse a REST body for an anonymous or badly signed request: 401 whatever its size or content', async () => {
    for (const [name, body, headers] of [
      ['small', bodyOf(10), {}],
      ['over the body limit', bodyOf(300 * 1024), {}],
      ['not JSON at all', '{"week": ', {}],
      ['forged bearer token', bodyOf(300 * 1024), { authorization: 'Bearer not.a.token' }],
    ] as const) {
      const res = await post(svc.url, body, headers);
      expect(res.status, name).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code, name).toBe('unauthenticated');
    }
  });

  it('sends HSTS on every response, public or refused', async () => {
    for (const path of ['/api/v1/health', '/api/v1/me', '/', '/nope']) {
      const res = await fetch(`${svc.url}${path}`);
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
    }
  });
});

describe('once a caller is known (local mode: the development identity)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc?.stop());

  it('parses the body and enforces the full limit: malformed JSON is 400, an oversized body 413', async () => {
    const malformed = await post(svc.url, '{"week": ');
    expect(malformed.status).toBe(400);
    const oversized = await post(svc.url, bodyOf(300 * 1024));
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('sends no HSTS over local plain HTTP', async () => {
    const res = await fetch(`${svc.url}/api/v1/health`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
