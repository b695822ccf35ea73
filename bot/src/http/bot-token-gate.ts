import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { activityTenant } from '../teams/turn-identity';
import { sendError } from './middleware';

/**
 * A pre-authentication gate in front of botbuilder on POST /api/messages (production mode only).
 *
 * botbuilder (4.23) verifies the Bot Connector token's signature, audience, serviceurl claim and key endorsements, and
 * that stays its job. The gate only refuses, before botbuilder sees the request, what botbuilder handles badly
 * (each case has its test in bot/test/security/bot-connector-auth.test.ts):
 * - `alg: none`, HS256 and other non-RS* algorithms, and nbf in the future: jsonwebtoken throws, and botbuilder
 *   answered with HTTP 500 and jsonwebtoken's message as the body;
 * - a token without `exp` was accepted (jsonwebtoken does not require one);
 * - any token with a `tid` claim made botbuilder add four issuers built from that unverified value to a process-wide
 *   list (EmulatorValidation.isTokenFromEmulator), forever: unbounded memory growth;
 * - an Entra ("emulator") token of the bot's own app registration was a second way in, without the serviceurl and
 *   endorsement checks: only the Bot Framework channel issuer passes the gate, so that path is never reached;
 * - a blank activity channelId made botbuilder skip the key endorsement check: this is a Teams-only product, so the
 *   channelId must be exactly `msteams`.
 * The gate decodes the token without trusting it (nothing is verified here) and checks only its form and claims:
 * `Authorization: Bearer <compact JWS>` of at most 8 KB, header alg RS256/384/512 and a kid, iss the channel issuer,
 * aud the bot's app id, a numeric exp not past (nbf, if any, numeric and not in the future; 5 minutes' skew, as
 * botbuilder allows), no tid except of a tenant this deployment serves, the activity's channelId `msteams`, and one
 * tenant in the activity (conversation.tenantId and channelData.tenant.id agree where both are present).
 * Anything else: 401 with the generic body every 401 of the service has, a warn log with a reason code, and nothing
 * else runs (no botbuilder, no store).
 *
 * It also wraps botbuilder's response (CloudAdapter.process writes res.status(s); res.send(body) if any; res.end()).
 * botbuilder answers an error thrown while authenticating with 500 and the error's message (a bad signature still
 * gets there: the gate does not verify signatures), and its 401s carry its messages too. In production a 500 before
 * our turn logic ran, and any 401/403, become the generic 401; any other 5xx keeps its status without a message.
 *
 * botbuilder also console.errors "Error finding key for token. Available keys: <PEM>" for a token that reaches
 * jsonwebtoken and fails there (a forged signature); installBotbuilderLogFilter drops that one message.
 */

/**
 * The signing algorithms botbuilder accepts for channel tokens (botframework-connector's
 * AuthenticationConstants.AllowedSigningAlgorithms), and the public-cloud channel token issuer
 * (AuthenticationConstants.ToBotFromChannelTokenIssuer). Copied, because botframework-connector is not a direct
 * dependency; bot/test/security/bot-connector-auth.test.ts checks they still match.
 */
export const ALLOWED_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512'];
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';
/** Real Bot Connector tokens are about 1–2 KB; anything far bigger is not one. */
export const MAX_AUTHORIZATION_LENGTH = 8 * 1024;
/** The same tolerance botbuilder gives exp and nbf (ChannelValidation: clockTolerance 5 minutes). */
const CLOCK_SKEW_SECONDS = 5 * 60;
/** The only channel this product serves. */
const TEAMS_CHANNEL = 'msteams';
const COMPACT_JWS = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export type GateReason =
  | 'no_app_id'
  | 'missing_authorization'
  | 'authorization_too_long'
  | 'not_bearer_jwt'
  | 'undecodable_token'
  | 'algorithm_not_allowed'
  | 'missing_kid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_exp'
  | 'expired'
  | 'not_yet_valid'
  | 'tenant_claim_not_allowed'
  | 'channel_not_msteams'
  | 'tenant_mismatch';

export interface BotTokenExpectations {
  /** The bot's app id: the token's `aud`. */
  appId: string;
  /** The Bot Framework channel token issuer botbuilder is configured with. */
  issuer: string;
  /** Tenants a token's `tid` claim may name (see checkBotToken). */
  tenants: ReadonlySet<string>;
  /** Seconds since the epoch. */
  now: number;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Why a request must not reach botbuilder, or undefined when it may. Nothing here is trusted: the token is only
 * decoded. `tid`: botbuilder adds issuers for any tid it has not seen to a process-wide list; real channel tokens carry
 * none, so a tid is allowed only when it names a tenant this deployment serves, which bounds that list.
 */
export function checkBotToken(
  authorization: string | undefined,
  channelId: unknown,
  expect: BotTokenExpectations,
): GateReason | undefined {
  if (!authorization) return 'missing_authorization';
  if (authorization.length > MAX_AUTHORIZATION_LENGTH) return 'authorization_too_long';
  const m = COMPACT_JWS.exec(authorization);
  if (!m) return 'not_bearer_jwt';
  const header = decodeSegment(m[1]!);
  const payload = decodeSegment(m[2]!);
  if (!header || !payload) return 'undecodable_token';
  if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg)) return 'algorithm_not_allowed';
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 256) return 'missing_kid';
  if (payload.iss !== expect.issuer) return 'wrong_issuer';
  if (payload.aud !== expect.appId) return 'wrong_audience';
  if (!isTime(payload.exp)) return 'missing_exp';
  if (payload.exp + CLOCK_SKEW_SECONDS <= expect.now) return 'expired';
  if (payload.nbf !== undefined && (!isTime(payload.nbf) || payload.nbf - CLOCK_SKEW_SECONDS > expect.now))
    return 'not_yet_valid';
  if (payload.tid !== undefined && (typeof payload.tid !== 'string' || !expect.tenants.has(payload.tid)))
    return 'tenant_claim_not_allowed';
  if (channelId !== TEAMS_CHANNEL) return 'channel_not_msteams';
  return undefined;
}

/** The response object botbuilder's CloudAdapter.process writes to (its `Response` interface). */
export interface BotResponse {
  socket: unknown;
  status(code: number): BotResponse;
  send(body?: unknown): BotResponse;
  end(): BotResponse;
  header(name: string, value: unknown): BotResponse;
}

/** Runs botbuilder on the request; `turnStarted` must be called when the bot's own turn logic begins. */
export type BotProcess = (req: Request, res: BotResponse, turnStarted: () => void) => Promise<void>;

export interface BotTokenGateOptions {
  config: Config;
  logger: Logger;
  /** The same test-only overrides the adapter gets (StartOptions.botAuthOverrides): the issuer may be among them. */
  authOverrides?: Readonly<Record<string, string>> | undefined;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

const INTERNAL_BODY = (req: Request) => ({
  error: {
    code: 'internal',
    message: 'Something went wrong on our side. Please try again.',
    correlationId: req.correlationId,
  },
});

/**
 * The POST /api/messages handler: in production the gate first (401 on refusal, botbuilder never called), then
 * botbuilder with its response sanitised. In local mode (no app id: the Agents Playground's unauthenticated requests)
 * there is no gate; only 5xx bodies are stripped of botbuilder's error messages.
 */
export function gatedBotHandler(
  options: BotTokenGateOptions,
  process: BotProcess,
): (req: Request, res: Response) => Promise<void> {
  const { config, logger } = options;
  const production = config.mode === 'production';
  const issuer = options.authOverrides?.ToBotFromChannelTokenIssuer || CHANNEL_TOKEN_ISSUER;
  const tenants = new Set([
    ...(config.entra?.allowedTenants ?? []),
    ...(config.bot.tenantId ? [config.bot.tenantId] : []),
  ]);
  const clock = options.now ?? Date.now;
  if (production) installBotbuilderLogFilter();

  const refuse = (req: Request, res: Response, reason: string, extra: Record<string, unknown> = {}) => {
    // Never the token or the header: only why.
    (req.log ?? logger).warn({ reason, ...extra }, 'bot request refused');
    sendError(req, res, 'unauthenticated');
  };

  return async (req, res) => {
    if (production) {
      const body = req.body as
        { channelId?: unknown; conversation?: { tenantId?: unknown }; channelData?: unknown } | undefined;
      const reason = config.bot.appId
        ? checkBotToken(req.headers.authorization, body?.channelId, {
            appId: config.bot.appId,
            issuer,
            tenants,
            now: Math.floor(clock() / 1000),
          })
        : 'no_app_id';
      if (reason) return refuse(req, res, reason);
      // Two different tenants in one activity: refused here, before any turn, as a request we cannot attribute.
      if (body && typeof body === 'object' && activityTenant(body).refused === 'tenant_mismatch')
        return refuse(req, res, 'tenant_mismatch');
    }

    let turnStarted = false;
    let status = 200;
    let body: unknown;
    let ended = false;
    const facade: BotResponse = {
      socket: res.socket,
      status(code) {
        status = code;
        return facade;
      },
      send(value) {
        body = value;
        return facade;
      },
      end() {
        if (ended) return facade;
        ended = true;
        if (res.headersSent) return facade;
        if (status < 400 || (turnStarted && status < 500)) {
          // Success, or a status the bot's own turn chose (an invoke response): as botbuilder would have written it.
          res.status(status);
          if (body) res.send(body);
          else res.end();
        } else if (production && (status === 401 || status === 403 || (status === 500 && !turnStarted))) {
          // 401: botbuilder rejected the token. 500 before the turn: it threw while authenticating (e.g. a bad signature).
          refuse(req, res, status === 500 ? 'botbuilder_error_before_turn' : 'botbuilder_rejected', { status });
        } else if (status >= 500) {
          // No message, ever. 501 with no body is botbuilder's answer to an invoke nothing answered: kept as it was.
          if (status !== 501 || body) (req.log ?? logger).error({ status, turnStarted }, 'bot endpoint failed');
          if (body) res.status(status).json(INTERNAL_BODY(req));
          else res.status(status).end();
        } else {
          (req.log ?? logger).warn({ status }, 'bot request refused by botbuilder');
          if (status === 401 || status === 403) sendError(req, res, 'unauthenticated');
          else
            res.status(status).json({
              error: { code: 'validation', message: 'The request is not valid.', correlationId: req.correlationId },
            });
        }
        return facade;
      },
      header(name, value) {
        res.header(name, value as string);
        return facade;
      },
    };

    await process(req, facade, () => {
      turnStarted = true;
    });
    if (!ended) facade.end();
  };
}

/**
 * botbuilder's JwtTokenExtractor console.errors "Error finding key for token. Available keys: <PEM>" whenever
 * jsonwebtoken rejects a token that passed the gate (a forged signature). Only that message is dropped: the gate's
 * own warn log records the refusal. Installed once per process.
 */
let logFilterInstalled = false;
const KEY_DUMP_PREFIX = 'Error finding key for token.';
export function installBotbuilderLogFilter(): void {
  if (logFilterInstalled) return;
  logFilterInstalled = true;
  const original = console.error;
  console.error = function filteredConsoleError(this: unknown, ...args: unknown[]) {
    if (typeof args[0] === 'string' && args[0].startsWith(KEY_DUMP_PREFIX)) return;
    return original.apply(this, args);
  };
}
