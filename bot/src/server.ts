import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import type { Store } from '@humandebt/core';
import { createApp } from './app';
import { createAuthenticator, type Authenticator } from './auth/identity';
import { describeConfig, type Config } from './config';
import { clearDemoData, hasDemoData, seedDemoData } from './seed/demo-data';
import { openStore } from './store/factory';
import { Pseudonyms } from './pulse/pseudonyms';
import { gatedBotHandler } from './http/bot-token-gate';
import { createBotAdapter } from './teams/adapter';
import { HumanDebtBot } from './teams/human-debt.bot';
import { BotFrameworkMessenger } from './teams/messenger';
import { schedulerTenants, startScheduler } from './scheduler/scheduler';

export const VERSION = process.env.HD_VERSION ?? '0.1.0';

export interface RunningService {
  url: string;
  store: Store;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes the store. Idempotent. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  store?: Store;
  authenticator?: Authenticator;
  /** Where the built tab and add-in live; defaults to the workspaces' dist folders. */
  staticRoots?: { tab: string; addin: string };
  reseed?: boolean;
  /** Clock for the API (tests, benchmarks). */
  now?: () => Date;
  /** false: no scheduled pulses or reminders in this process (tests that do not exercise them). */
  scheduler?: boolean;
  /**
   * Tests only: botbuilder authentication settings merged over the production ones (e.g. a local OpenID metadata
   * URL), so the bot endpoint's token checks can be exercised with locally minted tokens. Deliberately not a config
   * key or environment variable: a deployment must never be able to point authentication elsewhere.
   */
  botAuthOverrides?: Readonly<Record<string, string>>;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'humandebt' },
    // Belt and braces: even if someone logs a request or a config object, these never reach the log.
    redact: {
      paths: ['req.headers.authorization', '*.authorization', '*.password', '*.key', '*.secret', 'config.store.key'],
      censor: '[redacted]',
    },
  });
}

export async function startService(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config);
  const store = options.store ?? (await openStore(config.store));
  const pseudonyms = new Pseudonyms(config.pseudonymSecret);
  try {
    if (options.reseed) {
      await clearDemoData(store);
      logger.info(
        await seedDemoData(store, { pseudonyms, ...(options.now ? { now: options.now() } : {}) }),
        'demo data re-seeded',
      );
    } else if (config.seedDemo && !(await hasDemoData(store))) {
      logger.info(
        await seedDemoData(store, { pseudonyms, ...(options.now ? { now: options.now() } : {}) }),
        'demo data seeded (first run)',
      );
    }
  } catch (e) {
    await store.close();
    throw e;
  }

  const adapter = createBotAdapter(config, logger, options.botAuthOverrides);
  // One messenger per process, so every proactive send shares the per-conversation limits.
  const messenger = new BotFrameworkMessenger(adapter, config);
  const bot = new HumanDebtBot({ store, pseudonyms, config, logger, messenger });
  // Pulses and reminders: every instance ticks; leases make each piece of work happen once across instances.
  const scheduler =
    options.scheduler === false
      ? undefined
      : startScheduler({
          store,
          pseudonyms,
          messenger,
          logger,
          tenants: () => schedulerTenants(config),
          intervalMs: config.schedulerIntervalMs,
        });
  // Production: a pre-authentication gate refuses what botbuilder's token validation handles badly (bot-token-gate.ts)
  // before botbuilder sees the request, and botbuilder's error responses never carry its messages.
  const botHandler = gatedBotHandler(
    { config, logger, authOverrides: options.botAuthOverrides },
    (req, res, turnStarted) =>
      adapter.process(req, res, (context) => {
        turnStarted();
        return bot.run(context);
      }),
  );

  let draining = false;
  const app = createApp({
    config,
    store,
    logger,
    authenticator: options.authenticator ?? createAuthenticator(config),
    botHandler,
    staticRoots: options.staticRoots ?? {
      tab: fileURLToPath(new URL('../../tabs/dist', import.meta.url)),
      addin: fileURLToPath(new URL('../../addin/dist', import.meta.url)),
    },
    version: VERSION,
    pseudonyms,
    ...(options.now ? { now: options.now } : {}),
    isDraining: () => draining,
  });

  const server: Server = app.listen(config.port, config.host);
  await once(server, 'listening');
  // Teams gives a bot 15 s; keep sockets from lingering forever behind a proxy.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, ...describeConfig(config) }, 'service listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      logger.info('draining: no new requests, finishing in-flight ones');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(timer);
      await scheduler?.stop();
      await store.close();
      logger.info('stopped; store closed');
    })());

  return { url, store, logger, close };
}
