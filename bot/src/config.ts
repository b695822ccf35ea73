import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

// English validation messages for every schema, core's zod/mini contracts included: zod/mini loads no locale of its
// own, and API 400 answers list these messages.
z.config(z.locales.en());

/**
 * The one place the environment is read. Everything is validated up front; a bad or missing setting stops the
 * process at start with a message that names the variable, instead of failing later on a request.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const Env = z.object({
  HD_MODE: z.enum(['local', 'production']).default('local'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
  SQLITE_FILE: z.string().min(1).default('.data/humandebt.sqlite'),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/)
    .default('humandebt'),

  BOT_APP_ID: z.string().optional(),
  BOT_APP_PASSWORD: z.string().optional(),
  BOT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  BOT_TENANT_ID: z.string().optional(),

  ENTRA_CLIENT_ID: z.string().optional(),
  ENTRA_APP_ID_URI: z.string().optional(),
  ENTRA_JWKS_URI: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  ALLOWED_TENANTS: csv.default([]),

  PSEUDONYM_SECRET: z.string().optional(),
  PRIVACY_K: z.coerce.number().int().min(3, 'the privacy threshold can never be below 3').max(100).default(5),
  DEV_TENANT_ID: z.string().min(1).default('demo-tenant'),
  DEV_USER_ID: z.string().min(1).default('demo-manager'),
  DEV_USER_NAME: z.string().min(1).default('Morgan Demo (local)'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  SERVE_STATIC: z.enum(['true', 'false']).default('true'),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  RATE_LIMIT_TENANT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(12_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** How often each instance looks for due pulses and reminders (leases keep the work once across instances). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export interface LocalIdentity {
  tenantId: string;
  userId: string;
  displayName: string;
}

export interface Config {
  mode: 'local' | 'production';
  host: string;
  port: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  store:
    | { kind: 'sqlite'; file: string; synchronous: 'FULL' | 'NORMAL' }
    | { kind: 'cosmos'; endpoint: string; key?: string; databaseId: string };
  bot: { appId?: string; appPassword?: string; appType: 'SingleTenant' | 'UserAssignedMSI'; tenantId?: string };
  entra?: { clientId: string; appIdUri?: string; jwksUri: string; allowedTenants: string[] };
  pseudonymSecret: string;
  /** The tenant's privacy threshold k (≥ 3). A team can raise it for itself, never lower it. */
  privacyK: number;
  /** Present only in local mode, which is only allowed on a loopback address. */
  localIdentity?: LocalIdentity;
  seedDemo: boolean;
  serveStatic: boolean;
  rateLimits: { userPerMinute: number; userBurst: number; tenantPerMinute: number; tenantBurst: number };
  shutdownGraceMs: number;
  schedulerIntervalMs: number;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** A fixed secret is fine for the demo data of a loopback-only run; production must bring its own. */
const LOCAL_PSEUDONYM_SECRET = 'local-demo-only-pseudonym-secret-not-for-production';

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  // Empty strings mean "unset" (a common result of templated .env files).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  if (e.HD_MODE === 'local' && !LOOPBACK_HOSTS.has(e.HOST)) {
    problems.push(
      `HOST=${e.HOST}: local mode (development identity, no sign-in) only listens on loopback (127.0.0.1, ::1). Set HD_MODE=production to listen elsewhere.`,
    );
  }

  let store: Config['store'];
  if (e.STORE === 'cosmos') {
    if (!e.COSMOS_ENDPOINT) problems.push('COSMOS_ENDPOINT is required when STORE=cosmos');
    // No COSMOS_KEY: the service uses its managed identity (data-plane role assignment), as deployed by infra/.
    store = {
      kind: 'cosmos',
      endpoint: e.COSMOS_ENDPOINT ?? '',
      ...(e.COSMOS_KEY ? { key: e.COSMOS_KEY } : {}),
      databaseId: e.COSMOS_DATABASE,
    };
  } else {
    store = {
      kind: 'sqlite',
      file: e.SQLITE_FILE === ':memory:' || isAbsolute(e.SQLITE_FILE) ? e.SQLITE_FILE : resolve(cwd, e.SQLITE_FILE),
      synchronous: e.SQLITE_SYNCHRONOUS,
    };
  }

  let entra: Config['entra'];
  if (e.ENTRA_CLIENT_ID) {
    entra = {
      clientId: e.ENTRA_CLIENT_ID,
      jwksUri: e.ENTRA_JWKS_URI,
      allowedTenants: e.ALLOWED_TENANTS,
      ...(e.ENTRA_APP_ID_URI ? { appIdUri: e.ENTRA_APP_ID_URI } : {}),
    };
  }

  if (e.HD_MODE === 'production') {
    if (!e.BOT_APP_ID) problems.push('BOT_APP_ID is required in production (the Azure Bot registration’s app id)');
    if (e.BOT_APP_TYPE === 'SingleTenant' && !e.BOT_APP_PASSWORD)
      problems.push(
        'BOT_APP_PASSWORD is required in production for a SingleTenant bot (or use BOT_APP_TYPE=UserAssignedMSI)',
      );
    if (!e.BOT_TENANT_ID) problems.push('BOT_TENANT_ID is required in production (single-tenant bot registration)');
    if (!e.ENTRA_CLIENT_ID)
      problems.push(
        'ENTRA_CLIENT_ID is required in production (the SSO app registration the tab and add-in get tokens for)',
      );
    if (e.ALLOWED_TENANTS.length === 0)
      problems.push('ALLOWED_TENANTS is required in production (comma-separated Entra tenant ids allowed to sign in)');
    if (!e.PSEUDONYM_SECRET || e.PSEUDONYM_SECRET.length < 32)
      problems.push('PSEUDONYM_SECRET of at least 32 characters is required in production (from Key Vault)');
  } else if (e.PSEUDONYM_SECRET && e.PSEUDONYM_SECRET.length < 32) {
    problems.push('PSEUDONYM_SECRET must be at least 32 characters');
  }

  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    mode: e.HD_MODE,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    store,
    bot: {
      appType: e.BOT_APP_TYPE,
      ...(e.BOT_APP_ID ? { appId: e.BOT_APP_ID } : {}),
      ...(e.BOT_APP_PASSWORD ? { appPassword: e.BOT_APP_PASSWORD } : {}),
      ...(e.BOT_TENANT_ID ? { tenantId: e.BOT_TENANT_ID } : {}),
    },
    ...(entra ? { entra } : {}),
    pseudonymSecret: e.PSEUDONYM_SECRET ?? LOCAL_PSEUDONYM_SECRET,
    privacyK: e.PRIVACY_K,
    ...(e.HD_MODE === 'local'
      ? { localIdentity: { tenantId: e.DEV_TENANT_ID, userId: e.DEV_USER_ID, displayName: e.DEV_USER_NAME } }
      : {}),
    seedDemo: e.HD_MODE === 'local' && e.SEED_DEMO === 'auto',
    serveStatic: e.SERVE_STATIC === 'true',
    rateLimits: {
      userPerMinute: e.RATE_LIMIT_USER_PER_MINUTE,
      userBurst: Math.max(10, Math.ceil(e.RATE_LIMIT_USER_PER_MINUTE / 10)),
      tenantPerMinute: e.RATE_LIMIT_TENANT_PER_MINUTE,
      tenantBurst: Math.max(20, Math.ceil(e.RATE_LIMIT_TENANT_PER_MINUTE / 10)),
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
  };
}

/** What is safe to log about the configuration: no keys, passwords or secrets. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    mode: c.mode,
    listen: `${c.host}:${c.port}`,
    store:
      c.store.kind === 'sqlite'
        ? { kind: 'sqlite', file: c.store.file, synchronous: c.store.synchronous }
        : {
            kind: 'cosmos',
            endpoint: c.store.endpoint,
            database: c.store.databaseId,
            auth: c.store.key ? 'account key' : 'managed identity',
          },
    botAppId: c.bot.appId ?? '(none: local, unauthenticated)',
    sso: c.entra ? { clientId: c.entra.clientId, allowedTenants: c.entra.allowedTenants.length } : '(none)',
  };
}
