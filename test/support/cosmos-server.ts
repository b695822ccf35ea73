import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Agent } from 'node:https';

/**
 * Starts @vercel/cosmosdb-server (the Cosmos DB REST protocol, in memory) on a loopback port for tests.
 *
 * The emulator keys documents by the FIRST partition key path only, so with our hierarchical key /tenantId,/teamId
 * two teams of one tenant could not both hold a document with the same id, and a point read could return the other
 * team's document. Real Cosmos DB keys by the full hierarchical key. We align the emulator with the service by
 * patching its two partition helpers to use every path; nothing else of the emulator changes. (See
 * docs/decisions/0001-store-seam.md.)
 */
const require = createRequire(import.meta.url);
let patched = false;

function patchHierarchicalPartitionKeys(): void {
  if (patched) return;
  patched = true;
  const items = require('@vercel/cosmosdb-server/lib/account/items.js').default as {
    prototype: { _getPartition(data: unknown): unknown; _partitionKeyPath: string[] };
  };
  const original = items.prototype._getPartition;
  items.prototype._getPartition = function (this: { _partitionKeyPath: string[] }, data: unknown) {
    if (this._partitionKeyPath.length < 2) return original.call(this, data);
    return JSON.stringify(this._partitionKeyPath.map((p) => (data as Record<string, unknown>)[p.slice(1)]));
  };
  const header = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header.js') as {
    parsePartitionKey(key: string, fallback: unknown): unknown;
  };
  const parse = header.parsePartitionKey;
  header.parsePartitionKey = (key: string, fallback: unknown) => {
    try {
      const parsed: unknown = JSON.parse(key);
      if (Array.isArray(parsed) && parsed.length > 1) return JSON.stringify(parsed);
    } catch {
      // fall through to the emulator's own error
    }
    return parse(key, fallback);
  };
}

export interface CosmosTestServer {
  endpoint: string;
  /** Client options that accept the emulator's self-signed certificate; only ever used against loopback. */
  clientOptions: { agent: Agent; connectionPolicy: { enableEndpointDiscovery: false } };
  close(): Promise<void>;
}

export async function startCosmosServer(): Promise<CosmosTestServer> {
  patchHierarchicalPartitionKeys();
  const { createHttpsServer } = require('@vercel/cosmosdb-server') as typeof import('@vercel/cosmosdb-server');
  const server = createHttpsServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientOptions: { agent, connectionPolicy: { enableEndpointDiscovery: false } },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
