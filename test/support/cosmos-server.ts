import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Agent } from 'node:https';

/**
 * Starts @vercel/cosmosdb-server (the Cosmos DB REST protocol, in memory) on a loopback port for tests.
 *
 * The emulator keys documents by the FIRST partition key path only, so with our hierarchical key /tenantId,/teamId
 * two teams of one tenant could not both hold a document with the same id, and a point read could return the other
 * team's document. Real Cosmos DB keys by the full hierarchical key. We align the emulator with the service by
 * patching its two partition helpers to use every path. Its transactional batch also runs operations one by one and
 * keeps the ones before a failure, where Cosmos DB rolls the whole batch back; the batch handler is wrapped to
 * restore the container when an atomic batch fails. Nothing else of the emulator changes. (See
 * docs/decisions/0001-store-seam.md.)
 */
const require = createRequire(import.meta.url);
let patched = false;

function patchEmulator(): void {
  if (patched) return;
  patched = true;
  patchAtomicBatch();
  patchHierarchicalPartitionKeys();
}

function patchHierarchicalPartitionKeys(): void {
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

interface EmulatorItems {
  _data: Map<unknown, unknown>;
  _index: Map<unknown, unknown>;
  _ridCount: number;
}

function patchAtomicBatch(): void {
  const handler = require('@vercel/cosmosdb-server/lib/handler/batch-documents.js') as {
    default: (
      account: EmulatorAccount,
      req: { headers: Record<string, unknown> },
      res: unknown,
      params: { dbId: string; collId: string },
    ) => Promise<unknown>;
  };
  const original = handler.default;
  handler.default = async (account, req, res, params) => {
    const atomic = String(req.headers['x-ms-cosmos-batch-atomic']).toLowerCase() === 'true';
    const collection = account.database(params.dbId).collection(params.collId);
    const items = collection.read() ? collection.documents : undefined;
    const snapshot =
      atomic && items ? { data: new Map(items._data), index: new Map(items._index), rid: items._ridCount } : undefined;
    const result = await original(account, req, res, params);
    if (snapshot && items && Array.isArray(result) && result.some((r: { statusCode: number }) => r.statusCode >= 400)) {
      items._data = snapshot.data;
      items._index = snapshot.index;
      items._ridCount = snapshot.rid;
      // Cosmos DB reports the failing operation and 424 (failed dependency) for every other one.
      for (const r of result as Array<{ statusCode: number; resourceBody?: unknown; eTag?: unknown }>) {
        if (r.statusCode < 400) {
          r.statusCode = 424;
          delete r.resourceBody;
          delete r.eTag;
        }
      }
    }
    return result;
  };
}

interface EmulatorAccount {
  database(id: string): { collection(id: string): { read(): unknown; documents: EmulatorItems } };
}

export interface CosmosTestServer {
  endpoint: string;
  /** Client options that accept the emulator's self-signed certificate; only ever used against loopback. */
  clientOptions: { agent: Agent; connectionPolicy: { enableEndpointDiscovery: false } };
  close(): Promise<void>;
}

export async function startCosmosServer(): Promise<CosmosTestServer> {
  patchEmulator();
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
