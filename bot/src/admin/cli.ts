import { deleteUserData, exportUserData, offboardTenant } from '@humandebt/core';
import { ConfigurationError, loadConfig } from '../config';
import { openStore } from '../store/factory';

/**
 * Data-rights CLI for operators (same store configuration as the service, from the environment):
 *   npm run admin -- export-user  --tenant <tenantId> --user <userId>     (JSON on stdout)
 *   npm run admin -- delete-user  --tenant <tenantId> --user <userId>
 *   npm run admin -- offboard     --tenant <tenantId> --confirm "delete all data of <tenantId>"
 * Offboarding is resumable: run it again after an interruption and it continues.
 */
const USAGE = `usage:
  admin export-user --tenant <tenantId> --user <userId>
  admin delete-user --tenant <tenantId> --user <userId>
  admin offboard    --tenant <tenantId> --confirm "delete all data of <tenantId>"`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const tenant = arg(args, 'tenant');
  const user = arg(args, 'user');
  if (!command || !tenant || (command !== 'offboard' && !user)) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  let config;
  try {
    config = loadConfig({ ...process.env, SEED_DEMO: 'never' });
  } catch (e) {
    if (e instanceof ConfigurationError) {
      process.stderr.write(`${e.message}\n`);
      return 78;
    }
    throw e;
  }
  const store = await openStore(config.store);
  try {
    switch (command) {
      case 'export-user':
        process.stdout.write(`${JSON.stringify(await exportUserData(store, tenant, user!), null, 2)}\n`);
        return 0;
      case 'delete-user':
        process.stdout.write(`${JSON.stringify(await deleteUserData(store, tenant, user!))}\n`);
        return 0;
      case 'offboard': {
        const expected = `delete all data of ${tenant}`;
        if (arg(args, 'confirm') !== expected) {
          process.stderr.write(
            `Refusing: offboarding deletes every document of ${tenant}. Pass --confirm "${expected}".\n`,
          );
          return 64;
        }
        const result = await offboardTenant(store, tenant, {
          onProgress: (p) => process.stderr.write(`  ${p.kind}: ${p.deleted} deleted\n`),
        });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return result.complete ? 0 : 75;
      }
      default:
        process.stderr.write(`${USAGE}\n`);
        return 64;
    }
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`admin failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
