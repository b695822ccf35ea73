import { ConfigurationError, loadConfig } from './config';
import { createLogger, startService } from './server';
import { clearDemoData, seedDemoData } from './seed/demo-data';
import { openStore } from './store/factory';
import { Pseudonyms } from './pulse/pseudonyms';

/**
 * Entry point: `node bot/dist/main.js` runs the service; `--seed-only --reseed` re-creates the demo data and exits.
 */
async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigurationError) {
      process.stderr.write(`\nHuman Debt cannot start.\n${e.message}\nSee the configuration table in README.md.\n\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createLogger(config);

  if (args.has('--seed-only')) {
    if (config.mode !== 'local') throw new Error('Demo data is only for local mode.');
    const store = await openStore(config.store);
    if (args.has('--reseed')) await clearDemoData(store);
    logger.info(await seedDemoData(store, { pseudonyms: new Pseudonyms(config.pseudonymSecret) }), 'demo data seeded');
    await store.close();
    return;
  }

  const service = await startService(config, { logger, reseed: args.has('--reseed') });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Human Debt failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
