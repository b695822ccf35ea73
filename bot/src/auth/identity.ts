import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type JWTPayload } from 'jose';
import { DomainError } from '@humandebt/core';
import type { Config } from '../config';

/** Who is calling the REST API. */
export interface Caller {
  tenantId: string;
  userId: string;
  displayName: string;
  /** 'local' = the development identity of a loopback-only local run. */
  source: 'local' | 'entra';
}

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Caller>;
}

const unauthenticated = (why: string) => new DomainError('unauthenticated', why);

/** Local mode: every request is the development identity. Only constructed when config allows it (loopback). */
export function localAuthenticator(identity: NonNullable<Config['localIdentity']>): Authenticator {
  return {
    async authenticate() {
      return { ...identity, source: 'local' };
    },
  };
}

/**
 * Entra ID SSO tokens from Teams (getAuthToken) and from Outlook (NAA): RS256 signature against Microsoft's published
 * keys, audience in its v1 (Application ID URI) or v2 (client id) form, issuer matching the token's own tenant in its
 * v1 or v2 form, tenant on the allow-list, `scp` containing access_as_user, expiry with a small clock tolerance.
 */
export function entraAuthenticator(entra: NonNullable<Config['entra']>, keys?: JWTVerifyGetKey): Authenticator {
  const getKey =
    keys ?? createRemoteJWKSet(new URL(entra.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 6 * 3600_000 });
  const audiences = [entra.clientId, ...(entra.appIdUri ? [entra.appIdUri] : [])];
  const allowed = new Set(entra.allowedTenants);
  return {
    async authenticate(authorization) {
      const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '');
      if (!m) throw unauthenticated('missing bearer token');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(m[1]!, getKey, {
          algorithms: ['RS256'],
          audience: audiences,
          clockTolerance: 60,
          requiredClaims: ['exp', 'iss', 'tid', 'oid'],
        }));
      } catch (e) {
        throw new DomainError('unauthenticated', 'token rejected', { cause: e });
      }
      const tid = String(payload.tid);
      const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
      if (!issuers.includes(String(payload.iss))) throw unauthenticated('issuer does not match tenant');
      if (!allowed.has(tid)) throw unauthenticated('tenant not allowed');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes('access_as_user')) throw unauthenticated('missing access_as_user scope');
      const name =
        typeof payload.name === 'string' && payload.name
          ? payload.name
          : String(payload.preferred_username ?? 'Signed-in user');
      return { tenantId: tid, userId: String(payload.oid), displayName: name, source: 'entra' };
    },
  };
}

export function createAuthenticator(config: Config): Authenticator {
  if (config.mode === 'local' && config.localIdentity) return localAuthenticator(config.localIdentity);
  if (!config.entra)
    throw new Error('production mode needs ENTRA_CLIENT_ID (config validation should have caught this)');
  return entraAuthenticator(config.entra);
}
