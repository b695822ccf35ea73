import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CallerIdConstants } from 'botbuilder';
import { AuthenticationConstants, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { loadConfig } from '../../src/config';
import {
  ALLOWED_ALGORITHMS,
  CHANNEL_TOKEN_ISSUER,
  gatedBotHandler,
  type BotProcess,
} from '../../src/http/bot-token-gate';
import { correlation } from '../../src/http/middleware';
import { activity, startTestService } from '../support';

/**
 * The bot endpoint in production mode, with botbuilder's real token validation pointed at a local OpenID
 * metadata document and key set (StartOptions.botAuthOverrides, test-only). Tokens are minted here with node:crypto.
 * Every rejected request is checked against a snapshot of the SQLite file: nothing may be written. A valid token
 * for an allowed tenant is the positive control: the same activity then runs and writes (the activity-id dedupe
 * record every message turn stores first), so "nothing stored" is a meaningful check.
 *
 * Two layers answer here. bot/src/http/bot-token-gate.ts runs first in production and refuses, without verifying
 * anything, a request whose token is not a compact RS256/384/512 JWT with a kid, the channel issuer, the bot's app id
 * as aud, a numeric exp (and nbf, if any, not in the future), no tid of a tenant we do not serve, or whose activity's
 * channelId is not exactly msteams. What passes goes to botbuilder (signature, key, endorsements, serviceurl), whose
 * 401s and pre-turn 500s the gate turns into the same generic 401. Each case below names the layer and reason that
 * refused it, read from the service's own warn log (by correlation id).
 *
 * botbuilder 4.23 facts this relies on (botframework-connector ParameterizedBotFrameworkAuthentication,
 * JwtTokenExtractor, EndorsementsValidator, EmulatorValidation):
 * - channel tokens must have iss https://api.botframework.com, aud = the bot's app id, a kid found in the key set,
 *   an RS256/384/512 signature, exp/nbf within 5 minutes' tolerance, and a `serviceurl` claim equal to the
 *   activity's serviceUrl (checked only when the activity has one: our shape check makes it mandatory);
 * - a key's `endorsements` must contain the activity's channelId, but only when the key lists any endorsements;
 * - a token whose issuer is one of the Entra ("emulator") issuers goes to a second validator that uses another
 *   metadata URL, checks appid/azp instead of aud, and does not check serviceUrl (the gate never lets one through);
 * - any token with a `tid` claim makes botbuilder add four issuers built from it to a process-wide list, before
 *   anything is verified;
 * - OpenID metadata is cached per URL for the whole process, so this file uses one key server on its own port;
 * - errors thrown by jsonwebtoken itself (bad signature, wrong algorithm, not yet valid) are not AuthenticationErrors:
 *   CloudAdapter answers them with 500 and the message as the body (the gate's response wrapper makes that a 401).
 */

const BOT_APP_ID = '00000000-0000-0000-0000-0000000000b0';
const TENANT = 'demo-tenant';
const SERVICE_URL = 'http://127.0.0.1:9/';
const CHANNEL_ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer; // https://api.botframework.com
const EMULATOR_ISSUER_V1 = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/'; // botframework.com tenant
const PROD_ENV = {
  HD_MODE: 'production',
  BOT_APP_ID,
  BOT_APP_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: TENANT,
  ENTRA_CLIENT_ID: '00000000-0000-0000-0000-0000000000c1',
  ALLOWED_TENANTS: TENANT,
  PSEUDONYM_SECRET: 's'.repeat(48),
};
/** The one body every refusal of the bot endpoint has (the same as every other 401 of the service). */
const GENERIC_401 = {
  error: { code: 'unauthenticated', message: 'Sign-in is required.', correlationId: expect.any(String) },
};

interface Jwk {
  kid: string;
  kty: string;
  n?: string;
  e?: string;
  endorsements?: string[];
}

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function rsaKey() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function publicJwk(publicKey: KeyObject, kid: string, endorsements?: string[]): Jwk {
  const { n, e, kty } = publicKey.export({ format: 'jwk' });
  return { kid, kty: kty!, n: n!, e: e!, use: 'sig', ...(endorsements ? { endorsements } : {}) } as Jwk;
}

/** A compact JWS; `sign` gets the signing input and returns the raw signature (empty for alg none). */
function jws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: (input: string) => Buffer,
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(input).toString('base64url')}`;
}

const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key);

describe('bot endpoint: Bot Connector token validation', () => {
  const teamsKey = rsaKey(); // endorsed for msteams
  const webchatKey = rsaKey(); // endorsed for other channels only
  const bareKey = rsaKey(); // no endorsements listed at all
  const entraKey = rsaKey(); // the "emulator" (Entra) key set: Entra keys carry no endorsements
  const attackerKey = rsaKey(); // never published

  let keyServer: Server;
  let keyUrl: string;
  const keyRequests: string[] = [];
  /** Every line the service logged (warn and above), as JSON. */
  const logLines: string[] = [];
  let consoleError: MockInstance<typeof console.error>;
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let db: Database.Database;

  beforeAll(async () => {
    // botbuilder logs every rejection it sees with console.error; keep output readable (and see what it logged).
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const channelKeys = [
      publicJwk(teamsKey.publicKey, 'k-teams', ['msteams']),
      publicJwk(webchatKey.publicKey, 'k-webchat', ['webchat', 'directline']),
      publicJwk(bareKey.publicKey, 'k-bare'),
    ];
    const entraKeys = [publicJwk(entraKey.publicKey, 'k-entra')];
    keyServer = createServer((req, res) => {
      keyRequests.push(req.url ?? '');
      const json = (body: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      switch (req.url) {
        case '/channel/v1/.well-known/openidconfiguration':
          return json({
            issuer: CHANNEL_ISSUER,
            jwks_uri: `${keyUrl}/channel/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          });
        case '/channel/keys':
          return json({ keys: channelKeys });
        case '/entra/v2.0/.well-known/openid-configuration':
          return json({
            issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
            jwks_uri: `${keyUrl}/entra/keys`,
          });
        case '/entra/keys':
          return json({ keys: entraKeys });
        default:
          res.writeHead(404).end();
      }
    });
    keyServer.listen(0, '127.0.0.1');
    await once(keyServer, 'listening');
    keyUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;

    svc = await startTestService(PROD_ENV, {
      logger: pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) }),
      // Setting any endpoint key switches botbuilder to "use exactly these", so the whole public-cloud set is
      // passed: only the two metadata URLs differ from production.
      botAuthOverrides: {
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
        ValidateAuthority: 'true',
        ToBotFromChannelOpenIdMetadataUrl: `${keyUrl}/channel/v1/.well-known/openidconfiguration`,
        ToBotFromEmulatorOpenIdMetadataUrl: `${keyUrl}/entra/v2.0/.well-known/openid-configuration`,
      },
    });
    db = new Database(join(svc.dir, 'svc.sqlite'), { readonly: true, fileMustExist: true });
  });

  afterAll(async () => {
    db?.close();
    await svc?.stop();
    keyServer?.close();
    vi.restoreAllMocks();
  });

  /** Everything in the store, by key and version: any insert, update or delete changes it. */
  const snapshot = () =>
    db.prepare('SELECT kind, tenant_id, team_id, id, etag FROM docs ORDER BY kind, tenant_id, team_id, id').all();

  const channelClaims = (extra: Record<string, unknown> = {}) => ({
    iss: CHANNEL_ISSUER,
    aud: BOT_APP_ID,
    serviceurl: SERVICE_URL,
    nbf: nowSeconds() - 60,
    iat: nowSeconds() - 60,
    exp: nowSeconds() + 3600,
    ...extra,
  });
  const channelToken = (extra: Record<string, unknown> = {}, opts: { key?: KeyObject; kid?: string | null } = {}) =>
    jws(
      { alg: 'RS256', typ: 'JWT', ...(opts.kid === null ? {} : { kid: opts.kid ?? 'k-teams' }) },
      channelClaims(extra),
      rs256(opts.key ?? teamsKey.privateKey),
    );
  const without = (claim: string) => {
    const claims: Record<string, unknown> = channelClaims();
    delete claims[claim];
    return jws({ alg: 'RS256', typ: 'JWT', kid: 'k-teams' }, claims, rs256(teamsKey.privateKey));
  };
  /** An Entra v2 access token of the bot's own app registration (what the "emulator" validator accepts). */
  const entraToken = (extra: Record<string, unknown> = {}, opts: { key?: KeyObject; kid?: string } = {}) =>
    jws(
      { alg: 'RS256', typ: 'JWT', kid: opts.kid ?? 'k-entra' },
      {
        iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        tid: TENANT,
        ver: '2.0',
        aud: BOT_APP_ID,
        azp: BOT_APP_ID,
        nbf: nowSeconds() - 60,
        exp: nowSeconds() + 3600,
        ...extra,
      },
      rs256(opts.key ?? entraKey.privateKey),
    );

  /** A "help" message in a 1:1 chat of an allowed tenant: with a valid token it writes the activity-id record and replies. */
  const post = (
    authorization: string | undefined,
    extra: Record<string, unknown> = {},
    correlationId: string = randomUUID(),
  ) =>
    fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: JSON.stringify(activity('help', { id: `act-${randomUUID()}`, ...extra })),
    });

  /** The reason the service logged for refusing the request with this correlation id ('-' if it logged none). */
  const refusalReason = (correlationId: string) => {
    const line = logLines
      .map((l) => JSON.parse(l) as { correlationId?: string; msg?: string; reason?: string })
      .find((l) => l.correlationId === correlationId && l.msg === 'bot request refused');
    return line?.reason ?? '-';
  };

  /**
   * What one request did: its status, whether the bot replied, whether anything in the store changed, which reason
   * was logged, and whether the body was the generic 401 (or, for any other status, free of botbuilder's messages).
   */
  async function outcome(name: string, authorization: string | undefined, extra: Record<string, unknown> = {}) {
    const before = snapshot();
    const correlationId = randomUUID();
    const res = await post(authorization, extra, correlationId);
    const body = await res.text();
    let generic: boolean;
    try {
      generic =
        res.status === 401
          ? JSON.stringify(JSON.parse(body)) ===
            JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign-in is required.', correlationId } })
          : !/jwt|signature|token|algorithm|invalid|Unauthori[sz]ed/i.test(body);
    } catch {
      generic = false;
    }
    return {
      name,
      status: res.status,
      replied: /attachments|adaptive/i.test(body),
      stored: JSON.stringify(snapshot()) !== JSON.stringify(before),
      reason: refusalReason(correlationId),
      generic,
    };
  }

  /** Runs every case and compares the whole table at once, so a failure lists every case that got through. */
  async function expectAllRejected(
    cases: Array<[name: string, reason: string, authorization: string | undefined, extra?: Record<string, unknown>]>,
  ) {
    const actual = [];
    for (const [name, , authorization, extra] of cases) actual.push(await outcome(name, authorization, extra));
    expect(actual).toEqual(
      cases.map(([name, reason]) => ({ name, status: 401, replied: false, stored: false, reason, generic: true })),
    );
  }

  it("copies botbuilder's channel issuer and signing algorithms correctly", () => {
    expect(CHANNEL_TOKEN_ISSUER).toBe(AuthenticationConstants.ToBotFromChannelTokenIssuer);
    expect(ALLOWED_ALGORITHMS).toEqual(AuthenticationConstants.AllowedSigningAlgorithms);
  });

  it('accepts a valid Bot Connector token for an allowed tenant: the turn runs, replies and stores (positive control)', async () => {
    for (const [alg, hash] of [
      ['RS256', 'RSA-SHA256'],
      ['RS512', 'RSA-SHA512'],
    ] as const) {
      const token = jws({ alg, typ: 'JWT', kid: 'k-teams' }, channelClaims(), (input) =>
        createSign(hash).update(input).sign(teamsKey.privateKey),
      );
      const before = snapshot();
      const res = await post(`Bearer ${token}`);
      expect(res.status, alg).toBe(200);
      const replies = (await res.json()) as { activities: Array<{ attachments?: unknown[] }> };
      expect(
        replies.activities.some((a) => (a.attachments?.length ?? 0) > 0),
        alg,
      ).toBe(true);
      const added = snapshot().filter((row) => !before.some((b) => JSON.stringify(b) === JSON.stringify(row)));
      expect(added, alg).toEqual([expect.objectContaining({ kind: 'processed', tenant_id: TENANT })]);
    }
    // The keys really came from the local metadata, fetched once (botbuilder caches them per URL).
    expect(keyRequests).toEqual(['/channel/v1/.well-known/openidconfiguration', '/channel/keys']);
  });

  it('rejects missing, forged, mis-issued, mis-addressed, expired and wrongly endorsed tokens with a generic 401 and stores nothing', async () => {
    // 'botbuilder_rejected': the token passed the gate and botbuilder refused it (its own 401, message replaced).
    await expectAllRejected([
      ['no Authorization header', 'missing_authorization', undefined],
      ['empty Authorization header', 'missing_authorization', ''],
      ['Basic scheme', 'not_bearer_jwt', `Basic ${Buffer.from(`${BOT_APP_ID}:not-a-real-secret`).toString('base64')}`],
      ['lower-case bearer scheme', 'not_bearer_jwt', `bearer ${channelToken()}`],
      ['not a JWT', 'undecodable_token', 'Bearer not.a.jwt'],
      [
        'Authorization over 8 KB',
        'authorization_too_long',
        `Bearer ${channelToken({ padding: 'x'.repeat(8 * 1024) })}`,
      ],
      [
        'unknown kid (signed by an unpublished key)',
        'botbuilder_rejected',
        `Bearer ${channelToken({}, { kid: 'k-unknown', key: attackerKey.privateKey })}`,
      ],
      ['no kid', 'missing_kid', `Bearer ${channelToken({}, { kid: null })}`],
      ['empty kid', 'missing_kid', `Bearer ${channelToken({}, { kid: '' })}`],
      ['wrong issuer', 'wrong_issuer', `Bearer ${channelToken({ iss: 'https://api.botframework.com.evil.example' })}`],
      [
        'Entra v2 issuer on a channel-key token',
        'wrong_issuer',
        `Bearer ${channelToken({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0` })}`,
      ],
      ['no issuer', 'wrong_issuer', `Bearer ${without('iss')}`],
      [
        'wrong audience (another app id)',
        'wrong_audience',
        `Bearer ${channelToken({ aud: '00000000-0000-0000-0000-0000000000ff' })}`,
      ],
      ['audience https://api.botframework.com', 'wrong_audience', `Bearer ${channelToken({ aud: CHANNEL_ISSUER })}`],
      ['no audience', 'wrong_audience', `Bearer ${without('aud')}`],
      [
        'audience as an array containing the app id',
        'wrong_audience',
        `Bearer ${channelToken({ aud: [BOT_APP_ID, 'other'] })}`,
      ],
      [
        'expired an hour ago',
        'expired',
        `Bearer ${channelToken({ exp: nowSeconds() - 3600, nbf: nowSeconds() - 7200, iat: nowSeconds() - 7200 })}`,
      ],
      [
        'key without the msteams endorsement',
        'botbuilder_rejected',
        `Bearer ${channelToken({}, { kid: 'k-webchat', key: webchatKey.privateKey })}`,
      ],
      [
        'msteams key, activity claims another channel',
        'channel_not_msteams',
        `Bearer ${channelToken()}`,
        { channelId: 'webchat' },
      ],
      [
        'serviceurl claim of another service',
        'botbuilder_rejected',
        `Bearer ${channelToken({ serviceurl: 'https://smba.trafficmanager.net/evil/' })}`,
      ],
      [
        'serviceurl claim differs only by the trailing slash',
        'botbuilder_rejected',
        `Bearer ${channelToken({ serviceurl: SERVICE_URL.replace(/\/$/, '') })}`,
      ],
      ['no serviceurl claim', 'botbuilder_rejected', `Bearer ${without('serviceurl')}`],
      // A "skill" token (a bot calling another bot): appid ≠ aud. botbuilder refuses it without a claims validator.
      [
        'skill token from another bot',
        'wrong_issuer',
        `Bearer ${entraToken({ iss: EMULATOR_ISSUER_V1, ver: '1.0', appid: '00000000-0000-0000-0000-0000000000ee', aud: BOT_APP_ID, azp: undefined })}`,
      ],
      [
        'Entra token of another app registration',
        'wrong_issuer',
        `Bearer ${entraToken({ azp: '00000000-0000-0000-0000-0000000000ee', aud: '00000000-0000-0000-0000-0000000000ee' })}`,
      ],
      ['Entra token without ver', 'wrong_issuer', `Bearer ${entraToken({ ver: undefined })}`],
      [
        'Entra-issuer token signed with a channel key',
        'wrong_issuer',
        `Bearer ${entraToken({}, { kid: 'k-teams', key: teamsKey.privateKey })}`,
      ],
      [
        'Entra token that expired an hour ago',
        'wrong_issuer',
        `Bearer ${entraToken({ exp: nowSeconds() - 3600, nbf: nowSeconds() - 7200 })}`,
      ],
    ]);
  });

  it('rejects tokens jsonwebtoken refuses (bad signature, alg none, HS256, not yet valid) with a generic 401, not a 500 with its message', async () => {
    const teamsPem = teamsKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const errorsBefore = consoleError.mock.calls.length;
    // 'botbuilder_error_before_turn': passed the gate, jsonwebtoken threw inside botbuilder (a 500 there), answered 401.
    await expectAllRejected([
      [
        'forged signature (known kid, unpublished key)',
        'botbuilder_error_before_turn',
        `Bearer ${channelToken({}, { key: attackerKey.privateKey })}`,
      ],
      [
        'signature of another published key',
        'botbuilder_error_before_turn',
        `Bearer ${channelToken({}, { key: bareKey.privateKey })}`,
      ],
      [
        'payload altered after signing',
        'botbuilder_error_before_turn',
        `Bearer ${(() => {
          const [h, , s] = channelToken().split('.');
          return `${h}.${b64url(channelClaims({ aud: BOT_APP_ID, tampered: true }))}.${s}`;
        })()}`,
      ],
      [
        'alg none with a known kid',
        'not_bearer_jwt',
        `Bearer ${jws({ alg: 'none', typ: 'JWT', kid: 'k-teams' }, channelClaims(), () => Buffer.alloc(0))}`,
      ],
      [
        'alg none with a known kid and a signature',
        'algorithm_not_allowed',
        `Bearer ${jws({ alg: 'none', typ: 'JWT', kid: 'k-teams' }, channelClaims(), rs256(teamsKey.privateKey))}`,
      ],
      [
        'HS256 keyed with the published RSA public key',
        'algorithm_not_allowed',
        `Bearer ${jws({ alg: 'HS256', typ: 'JWT', kid: 'k-teams' }, channelClaims(), (input) => createHmac('sha256', teamsPem).update(input).digest())}`,
      ],
      [
        'PS256 (not a botbuilder algorithm)',
        'algorithm_not_allowed',
        `Bearer ${jws({ alg: 'PS256', typ: 'JWT', kid: 'k-teams' }, channelClaims(), rs256(teamsKey.privateKey))}`,
      ],
      ['not valid before an hour from now', 'not_yet_valid', `Bearer ${channelToken({ nbf: nowSeconds() + 3600 })}`],
      ['nbf that is not a number', 'not_yet_valid', `Bearer ${channelToken({ nbf: 'yesterday' })}`],
    ]);
    // botbuilder still console.errors the jsonwebtoken error for the forged signatures, but no longer the key's PEM.
    const logged = JSON.stringify(consoleError.mock.calls.slice(errorsBefore).map((args) => args.map(String)));
    expect(logged).not.toContain('BEGIN PUBLIC KEY');
    expect(logged).not.toContain('Available keys');
  });

  it('never writes a token into its own log', () => {
    const tokenish = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
    expect(logLines.filter((l) => tokenish.test(l) || /BEGIN PUBLIC KEY/.test(l))).toEqual([]);
    expect(logLines.some((l) => l.includes('"msg":"bot request refused"'))).toBe(true);
  });

  it('with a valid token, still drops an activity from a tenant not on the allow-list, and refuses one without serviceUrl', async () => {
    // Authentication proves the Bot Framework sent it, not which organisation: the allow-list middleware decides.
    expect(
      await outcome('tenant not allowed', `Bearer ${channelToken()}`, {
        conversation: { id: 'conv-x', conversationType: 'personal', tenantId: 'other-tenant' },
      }),
    ).toMatchObject({ status: 200, replied: false, stored: false });
    // botbuilder compares the serviceurl claim only when the activity has a serviceUrl; our shape check (400) closes that.
    expect(
      await outcome('activity without serviceUrl', `Bearer ${without('serviceurl')}`, { serviceUrl: undefined }),
    ).toMatchObject({ status: 400, replied: false, stored: false });
  });

  it('with a valid token, refuses an activity that names an allowed tenant in one field and another in the other', async () => {
    // The allow-list once read conversation.tenantId while the turn took channelData.tenant.id: one activity, two
    // tenants, acted on as the one nobody checked. Either way round it is now refused before any turn.
    const other = 'other-tenant';
    await expectAllRejected([
      [
        'allowed conversation tenant, other channelData tenant',
        'tenant_mismatch',
        `Bearer ${channelToken()}`,
        { channelData: { tenant: { id: other } } },
      ],
      [
        'other conversation tenant, allowed channelData tenant',
        'tenant_mismatch',
        `Bearer ${channelToken()}`,
        {
          conversation: { id: 'conv-1', conversationType: 'personal', tenantId: other },
          channelData: { tenant: { id: TENANT } },
        },
      ],
    ]);
    // The same activity with the tenant named alike in both fields runs (positive control).
    expect(
      await outcome('one tenant in both fields', `Bearer ${channelToken()}`, {
        channelData: { tenant: { id: TENANT } },
      }),
    ).toMatchObject({ status: 200, replied: true, stored: true });
  });

  /** Formerly pinned as known gaps of botbuilder 4.23.3; closed by bot/src/http/bot-token-gate.ts. */
  describe('gaps in botbuilder closed by the gate', () => {
    it('refuses a channel token without exp (jsonwebtoken does not require one), or with a non-numeric exp', async () => {
      await expectAllRejected([
        ['no exp', 'missing_exp', `Bearer ${without('exp')}`],
        ['exp as a string', 'missing_exp', `Bearer ${channelToken({ exp: String(nowSeconds() + 3600) })}`],
      ]);
    });

    it('refuses a blank or non-Teams channelId, which made botbuilder skip the endorsement check', async () => {
      const webchatSigned = `Bearer ${channelToken({}, { kid: 'k-webchat', key: webchatKey.privateKey })}`;
      await expectAllRejected([
        ['blank channelId, key endorsed for other channels', 'channel_not_msteams', webchatSigned, { channelId: ' ' }],
        ['channelId msteams with a trailing space', 'channel_not_msteams', webchatSigned, { channelId: 'msteams ' }],
        ['channelId webchat, key endorsed for webchat', 'channel_not_msteams', webchatSigned, { channelId: 'webchat' }],
        ['blank channelId, msteams key', 'channel_not_msteams', `Bearer ${channelToken()}`, { channelId: ' ' }],
      ]);
      // An empty channelId does not even pass the activity shape check.
      expect(await outcome('empty channelId', webchatSigned, { channelId: '' })).toMatchObject({
        status: 400,
        stored: false,
        replied: false,
      });
    });

    it('refuses an Entra token of the bot app itself (azp = aud = bot app id): the "emulator" path is closed', async () => {
      await expectAllRejected([
        [
          'Entra v2 token, azp = aud = bot app id',
          'wrong_issuer',
          `Bearer ${entraToken()}`,
          { serviceUrl: 'https://anything.example/' },
        ],
        [
          'Entra v1 token, appid = aud = bot app id',
          'wrong_issuer',
          `Bearer ${entraToken({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0', appid: BOT_APP_ID, azp: undefined })}`,
        ],
        [
          'botframework.com v1 token, appid = aud = bot app id',
          'wrong_issuer',
          `Bearer ${entraToken({ iss: EMULATOR_ISSUER_V1, ver: '1.0', appid: BOT_APP_ID, azp: undefined })}`,
        ],
      ]);
      // botbuilder's second validator never even fetched its keys.
      expect(keyRequests.filter((url) => url.startsWith('/entra'))).toEqual([]);
    });

    it("does not let unverified tid values grow botbuilder's process-wide issuer list (200 distinct tids)", async () => {
      const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];
      const size = issuers.length;
      const tids = Array.from({ length: 200 }, () => randomUUID());
      const statuses = new Set<number>();
      for (const [i, tid] of tids.entries()) {
        const token = [
          // unsigned, emulator issuer (the shape of the original finding)
          () => `${b64url({ alg: 'none' })}.${b64url({ iss: `https://sts.windows.net/${tid}/`, tid })}.`,
          // signed with the real channel key, channel issuer, everything else valid: only the tid is foreign
          () => channelToken({ tid }),
          // Entra token of the bot app itself, with its own tid
          () => entraToken({ iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid }),
          // forged signature, channel issuer
          () => channelToken({ tid }, { key: attackerKey.privateKey }),
        ][i % 4]!();
        const res = await post(`Bearer ${token}`);
        statuses.add(res.status);
        await res.arrayBuffer();
      }
      expect([...statuses]).toEqual([401]);
      expect(issuers.length).toBe(size);
      expect(issuers.filter((issuer) => tids.some((tid) => issuer.includes(tid)))).toEqual([]);
    });

    it('still accepts a valid token that carries the tid of a tenant we serve (the list grows by at most that tenant)', async () => {
      const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];
      const size = issuers.length;
      for (let i = 0; i < 3; i++) {
        const res = await post(`Bearer ${channelToken({ tid: TENANT })}`);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      expect(issuers.length - size).toBeLessThanOrEqual(4);
    });
  });

  /**
   * Behaviour of botbuilder 4.23.3 that is weaker than one would expect and that the gate does not change (it never
   * sees the key set). Pinned here so a change (an upgrade) is noticed and this block updated.
   */
  describe('known gaps in botbuilder (pinned)', () => {
    it('accepts a channel-issuer token signed by a published key that lists no endorsements at all', async () => {
      const before = snapshot();
      const res = await post(`Bearer ${channelToken({}, { kid: 'k-bare', key: bareKey.privateKey })}`);
      expect(res.status).toBe(200);
      expect(snapshot()).not.toEqual(before);
    });
  });
});

/** The response wrapper on its own, with stand-ins for botbuilder writing what CloudAdapter.process writes. */
describe('bot endpoint: botbuilder responses are sanitised (bot-token-gate.ts)', () => {
  const key = rsaKey();
  const token = () =>
    jws(
      { alg: 'RS256', typ: 'JWT', kid: 'k' },
      { iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: SERVICE_URL, exp: nowSeconds() + 600 },
      rs256(key.privateKey),
    );

  /** Serves `process` behind the gate (production or local config) and answers one request. */
  async function run(env: Record<string, string>, process: BotProcess, authorization?: string) {
    const logger = pino({ level: 'silent' });
    const app = express();
    app.use(correlation(logger), express.json());
    const handler = gatedBotHandler({ config: loadConfig({ PORT: '0', ...env }), logger }, process);
    app.post('/api/messages', (req, res, next) => void handler(req, res).catch(next));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity('help')),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } finally {
      server.close();
    }
  }

  /** What CloudAdapter.process does: res.status(s); if (body) res.send(body); res.end(). */
  const botbuilderWrites =
    (status: number, body?: unknown, turn = false): BotProcess =>
    async (_req, res, turnStarted) => {
      if (turn) turnStarted();
      res.status(status);
      if (body) res.send(body);
      res.end();
    };

  it('production: a botbuilder 500 before the turn (a jsonwebtoken error) and a botbuilder 401 become the generic 401', async () => {
    expect(await run(PROD_ENV, botbuilderWrites(500, 'invalid signature'), `Bearer ${token()}`)).toEqual({
      status: 401,
      body: GENERIC_401,
    });
    expect(
      await run(PROD_ENV, botbuilderWrites(401, 'Unauthorized Access. Request is not authorized'), `Bearer ${token()}`),
    ).toEqual({ status: 401, body: GENERIC_401 });
  });

  it('production: a 500 after the turn started keeps its status but not its message; turn results pass unchanged', async () => {
    expect(
      await run(
        PROD_ENV,
        botbuilderWrites(500, 'Cannot read properties of undefined (reading "secret")', true),
        `Bearer ${token()}`,
      ),
    ).toEqual({
      status: 500,
      body: {
        error: {
          code: 'internal',
          message: 'Something went wrong on our side. Please try again.',
          correlationId: expect.any(String),
        },
      },
    });
    expect(
      await run(PROD_ENV, botbuilderWrites(200, { activities: [{ text: 'hi' }] }, true), `Bearer ${token()}`),
    ).toEqual({ status: 200, body: { activities: [{ text: 'hi' }] } });
    const invokeError = {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'That button is no longer valid.' },
    };
    expect(await run(PROD_ENV, botbuilderWrites(400, invokeError, true), `Bearer ${token()}`)).toEqual({
      status: 400,
      body: invokeError,
    });
    expect(await run(PROD_ENV, botbuilderWrites(501, undefined, true), `Bearer ${token()}`)).toEqual({
      status: 501,
      body: undefined,
    });
  });

  it('production: botbuilder is never called for a request the gate refuses', async () => {
    let called = false;
    const process: BotProcess = async (...args) => {
      called = true;
      return botbuilderWrites(200, { ok: true }, true)(...args);
    };
    expect(await run(PROD_ENV, process)).toEqual({ status: 401, body: GENERIC_401 });
    expect(called).toBe(false);
  });

  it('local mode (no app id): no gate, unauthenticated requests reach botbuilder; its 5xx bodies still carry no message', async () => {
    expect(await run({}, botbuilderWrites(200, { activities: [] }, true))).toEqual({
      status: 200,
      body: { activities: [] },
    });
    expect(await run({}, botbuilderWrites(500, 'validateAndFixActivity(): missing activity type.'))).toEqual({
      status: 500,
      body: {
        error: {
          code: 'internal',
          message: 'Something went wrong on our side. Please try again.',
          correlationId: expect.any(String),
        },
      },
    });
  });
});

describe('bot endpoint in local mode (no app id): the Agents Playground still gets in', () => {
  it('runs an unauthenticated activity, from any channel id', async () => {
    const svc = await startTestService();
    try {
      for (const channelId of ['msteams', 'webchat']) {
        const res = await fetch(`${svc.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity('help', { channelId })),
        });
        expect(res.status, channelId).toBe(200);
        expect(JSON.stringify(await res.json()), channelId).toMatch(/attachments/);
      }
    } finally {
      await svc.stop();
    }
  });
});
