import { DefaultAzureCredential } from '@azure/identity';
import {
  BulkOperationType,
  CosmosClient,
  type JSONObject,
  type OperationInput,
  PartitionKeyKind,
  type Container,
  type CosmosClientOptions,
  type Database,
  type ItemDefinition,
  type SqlParameter,
} from '@azure/cosmos';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  StoreUnavailableError,
  assertKey,
  assertQuery,
  assertTransaction,
  type BaseDoc,
  type Collection,
  type DocByType,
  type DocKey,
  type DocType,
  type Query,
  type Stored,
  type StoreBackend,
  type StoreHealth,
  type TxOp,
} from '@humandebt/core';

/**
 * Production store: Azure Cosmos DB for NoSQL. One database, one container per document kind, every container
 * partitioned hierarchically by /tenantId,/teamId so a team's documents share a logical partition and a tenant's
 * documents form a prefix. Point operations carry the full partition key; every read-modify-write sends If-Match.
 * SDK errors are mapped to the core catalogue here and nowhere else.
 */

export interface CosmosOptions {
  endpoint: string;
  /**
   * Account key. Without one the service signs in with its managed identity (DefaultAzureCredential: the
   * user-assigned identity named by AZURE_CLIENT_ID on App Service), which needs the Cosmos DB Built-in Data
   * Contributor role on the account — the production setup, with no key anywhere.
   */
  key?: string;
  databaseId: string;
  /** Extra client options (tests pass an http agent for the local TLS server). */
  clientOptions?: Partial<CosmosClientOptions>;
  /** Retries the SDK makes on 429 before giving up; default 9 attempts within 30 s (docs/platform-limits.md). */
  throttleRetries?: { maxAttempts: number; maxWaitSeconds: number };
  requestTimeoutMs?: number;
}

export const CONTAINERS: Readonly<Record<DocType, string>> = {
  team: 'teams',
  member: 'members',
  retro: 'retros',
  action: 'actions',
  agreement: 'agreements',
  // Responses and rollups share a container so that an answer and its fold commit in one transactional batch.
  response: 'pulse',
  rollup: 'pulse',
  'meeting-load': 'meetingLoad',
  processed: 'processed',
  lease: 'leases',
  grant: 'grants',
};

/** Kinds whose documents expire: the container gets defaultTtl -1 (TTL on, per item). */
const TTL_KINDS: ReadonlySet<DocType> = new Set(['processed']);

const SYSTEM_FIELDS = ['_rid', '_self', '_ts', '_attachments', 'ttl'] as const;

export class CosmosBackend implements StoreBackend {
  readonly kind = 'cosmos' as const;
  private readonly client: CosmosClient;
  private database: Database | undefined;
  private readonly collections = new Map<DocType, CosmosCollection<BaseDoc>>();
  private readonly containers = new Map<DocType, Container>();

  private constructor(private readonly options: CosmosOptions) {
    const retry = options.throttleRetries ?? { maxAttempts: 9, maxWaitSeconds: 30 };
    this.client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.key ? { key: options.key } : { aadCredentials: new DefaultAzureCredential() }),
      ...options.clientOptions,
      connectionPolicy: {
        requestTimeout: options.requestTimeoutMs ?? 10_000,
        ...options.clientOptions?.connectionPolicy,
        // 429s are retried by the SDK itself, with the Retry-After the service sends; set explicitly so the
        // behaviour does not change silently with an SDK upgrade.
        retryOptions: {
          maxRetryAttemptCount: retry.maxAttempts,
          maxWaitTimeInSeconds: retry.maxWaitSeconds,
          fixedRetryIntervalInMilliseconds: 0,
        },
      },
    });
  }

  /** Connects and creates the database and containers if they are missing. */
  static async open(options: CosmosOptions): Promise<CosmosBackend> {
    const backend = new CosmosBackend(options);
    try {
      const { database } = await backend.client.databases.createIfNotExists({ id: options.databaseId });
      backend.database = database;
      const containers = new Map<string, Container>();
      for (const type of Object.keys(CONTAINERS) as DocType[]) {
        const id = CONTAINERS[type];
        let container = containers.get(id);
        if (!container) {
          const ttl = (Object.keys(CONTAINERS) as DocType[]).some((t) => CONTAINERS[t] === id && TTL_KINDS.has(t));
          ({ container } = await database.containers.createIfNotExists({
            id,
            partitionKey: { paths: ['/tenantId', '/teamId'], kind: PartitionKeyKind.MultiHash, version: 2 },
            ...(ttl ? { defaultTtl: -1 } : {}),
          }));
          containers.set(id, container);
        }
        backend.collections.set(type, new CosmosCollection(container, type));
        backend.containers.set(type, container);
      }
    } catch (e) {
      backend.client.dispose();
      throw new StoreUnavailableError('Cosmos DB could not be opened', e);
    }
    return backend;
  }

  collection<K extends DocType>(type: K): Collection<DocByType[K]> {
    const c = this.collections.get(type);
    if (!c) throw new Error(`No container for ${type}`);
    return c as unknown as Collection<DocByType[K]>;
  }

  async transact(tenantId: string, teamId: string, ops: readonly TxOp[]): Promise<Stored<BaseDoc>[]> {
    assertTransaction(tenantId, teamId, ops);
    const container = this.containers.get(ops[0]!.doc.type)!;
    const operations: OperationInput[] = ops.map((o) =>
      o.op === 'create'
        ? {
            operationType: BulkOperationType.Create,
            partitionKey: [tenantId, teamId],
            resourceBody: toItem(o.doc) as JSONObject,
          }
        : {
            operationType: BulkOperationType.Replace,
            partitionKey: [tenantId, teamId],
            id: o.doc.id,
            resourceBody: toItem(o.doc) as JSONObject,
            ifMatch: o.doc._etag,
          },
    );
    let response;
    try {
      response = await container.items.batch(operations, [tenantId, teamId]);
    } catch (e) {
      throw mapError(e, ops[0]!.doc.type, status(e) ?? batchStatus(e));
    }
    // items.batch does not throw when an operation fails: every status must be checked. The batch is atomic, so
    // one failure means nothing was written; report the operation that failed (the others say 424).
    const results = response.result ?? [];
    const failedAt = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
    if (failedAt >= 0 || results.length !== ops.length) {
      const at = Math.max(0, failedAt);
      throw mapError({ code: results[at]?.statusCode ?? 500 }, ops[at]!.doc.type);
    }
    return results.map((r) => toDoc<BaseDoc>(r.resourceBody as ItemDefinition));
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.database!.read();
      return { ok: true, kind: 'cosmos' };
    } catch {
      return { ok: false, kind: 'cosmos', detail: 'Cosmos DB did not answer' };
    }
  }

  async close(): Promise<void> {
    this.client.dispose();
  }
}

class CosmosCollection<T extends BaseDoc> implements Collection<T> {
  constructor(
    private readonly container: Container,
    readonly type: DocType,
  ) {}

  async get(key: DocKey): Promise<Stored<T> | undefined> {
    assertKey(key);
    try {
      const { resource } = await this.container.item(key.id, [key.tenantId, key.teamId]).read<ItemDefinition>();
      if (!resource || isExpired(resource)) return undefined;
      return toDoc<T>(resource);
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw mapError(e, this.type);
    }
  }

  async create(doc: T): Promise<Stored<T>> {
    assertKey(doc);
    try {
      const { resource } = await this.container.items.create(toItem(doc));
      return toDoc<T>(resource!);
    } catch (e) {
      if (status(e) === 409) {
        // A logically expired TTL item may not be purged yet (the local emulator never purges): replace it.
        const existing = await this.rawRead(doc);
        if (existing && isExpired(existing))
          return this.replace({ ...doc, _etag: existing._etag as string } as Stored<T>);
        throw new AlreadyExistsError(`${this.type} already exists`, e);
      }
      throw mapError(e, this.type);
    }
  }

  async replace(doc: Stored<T>): Promise<Stored<T>> {
    assertKey(doc);
    if (!doc._etag) throw new TypeError('replace needs the _etag that was read');
    try {
      const { resource } = await this.container
        .item(doc.id, [doc.tenantId, doc.teamId])
        .replace(toItem(doc), { accessCondition: { type: 'IfMatch', condition: doc._etag } });
      return toDoc<T>(resource!);
    } catch (e) {
      throw mapError(e, this.type);
    }
  }

  async upsert(doc: T): Promise<Stored<T>> {
    assertKey(doc);
    try {
      const { resource } = await this.container.items.upsert(toItem(doc));
      return toDoc<T>(resource!);
    } catch (e) {
      throw mapError(e, this.type);
    }
  }

  async delete(key: DocKey, etag?: string): Promise<boolean> {
    assertKey(key);
    try {
      await this.container
        .item(key.id, [key.tenantId, key.teamId])
        .delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined);
      return true;
    } catch (e) {
      if (status(e) === 404) return false;
      throw mapError(e, this.type);
    }
  }

  async query(q: Query): Promise<Stored<T>[]> {
    assertQuery(q);
    const parameters: SqlParameter[] = [
      { name: '@tenantId', value: q.tenantId },
      { name: '@type', value: this.type },
    ];
    let sql = 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = @type';
    if (q.teamId !== undefined) {
      sql += ' AND c.teamId = @teamId';
      parameters.push({ name: '@teamId', value: q.teamId });
    }
    (q.where ?? []).forEach((c, i) => {
      // Field names are validated identifiers (assertQuery); bracket notation also covers keywords such as "value".
      sql += ` AND c["${c.field}"] ${c.op} @p${i}`;
      parameters.push({ name: `@p${i}`, value: c.value });
    });
    // Single-partition queries sort on the server. Cross-partition ones (tenant-wide lists, which are small) are
    // sorted here, which keeps them independent of the gateway's cross-partition ORDER BY support.
    const singlePartition = q.teamId !== undefined;
    if (q.orderBy && singlePartition)
      sql += ` ORDER BY c["${q.orderBy.field}"] ${q.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;
    if (q.limit !== undefined && (singlePartition || !q.orderBy))
      sql = sql.replace('SELECT *', `SELECT TOP ${q.limit} *`);
    try {
      const iterator = this.container.items.query<ItemDefinition>(
        { query: sql, parameters },
        singlePartition ? { partitionKey: [q.tenantId, q.teamId!] } : {},
      );
      const { resources } = await iterator.fetchAll();
      let docs = resources.filter((r) => !isExpired(r)).map((r) => toDoc<T>(r));
      if (q.orderBy && !singlePartition) {
        const { field, direction } = q.orderBy;
        const sign = direction === 'desc' ? -1 : 1;
        docs = docs.sort((a, b) => sign * compare(fieldOf(a, field), fieldOf(b, field)));
        if (q.limit !== undefined) docs = docs.slice(0, q.limit);
      }
      return docs;
    } catch (e) {
      throw mapError(e, this.type);
    }
  }

  private async rawRead(key: DocKey): Promise<ItemDefinition | undefined> {
    try {
      const { resource } = await this.container.item(key.id, [key.tenantId, key.teamId]).read<ItemDefinition>();
      return resource;
    } catch {
      return undefined;
    }
  }
}

function fieldOf(doc: object, field: string): unknown {
  return (doc as Record<string, unknown>)[field];
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

function toItem(doc: BaseDoc): ItemDefinition {
  const { _etag: _ignored, ...rest } = doc as BaseDoc & { _etag?: string };
  const ttl = (rest as { ttlSeconds?: unknown }).ttlSeconds;
  return typeof ttl === 'number' && ttl > 0 ? { ...rest, ttl } : { ...rest };
}

function toDoc<T>(resource: ItemDefinition): Stored<T> {
  const out: Record<string, unknown> = { ...resource };
  for (const f of SYSTEM_FIELDS) delete out[f];
  return out as Stored<T>;
}

/** Cosmos DB hides expired items from reads before it purges them; the local emulator does not, so check here too. */
function isExpired(resource: ItemDefinition): boolean {
  const ttl = resource.ttl;
  const ts = (resource as { _ts?: unknown })._ts;
  return typeof ttl === 'number' && ttl > 0 && typeof ts === 'number' && (ts + ttl) * 1000 <= Date.now();
}

function status(e: unknown): number | undefined {
  const code = (e as { code?: unknown; statusCode?: unknown }).code ?? (e as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * @azure/cosmos 4.x rethrows every request-level failure of a transactional batch as a bare
 * `Error('Batch request error: …')` without its status (429 once the SDK's retries are spent, 503, 408, …), so it
 * would escape the catalogue as a raw error. The status survives in the error's diagnostics: recover it from there.
 */
function batchStatus(e: unknown): number | undefined {
  const stats = (
    e as
      | { diagnostics?: { clientSideRequestStatistics?: { gatewayStatistics?: Array<{ statusCode?: unknown }> } } }
      | undefined
  )?.diagnostics?.clientSideRequestStatistics?.gatewayStatistics;
  const last = stats?.[stats.length - 1]?.statusCode;
  return typeof last === 'number' && last >= 400 ? last : undefined;
}

/**
 * Transport failures that carry no status: connection refused/reset/broken, the client's request timeout, and a
 * response cut off mid-body (RestError PARSE_ERROR "Error reading response as text: aborted"). The outcome of a
 * write that failed like this is unknown (it may have been applied), which callers handle like any other
 * StoreUnavailableError: the operation is reported as failed and is never retried blindly here.
 */
const TRANSPORT_FAILURE =
  /ECONNREFUSED|ETIMEDOUT|ECONNRESET|EPIPE|socket hang up|Timeout|timed out|REQUEST_SEND_ERROR|PARSE_ERROR|Error reading response/i;

function mapError(e: unknown, type: DocType, code = status(e)): Error {
  switch (code) {
    case 412:
      return new ConflictError(`${type} changed since it was read`, e);
    case 404:
      return new NotFoundError(`${type} not found`);
    case 409:
      return new AlreadyExistsError(`${type} already exists`, e);
    case 408:
    case 429: // only after the SDK's own retries are spent
    case 449:
    case 500:
    case 503:
      return new StoreUnavailableError(`Cosmos DB unavailable for ${type}`, e);
    default:
      if (e instanceof Error && TRANSPORT_FAILURE.test(`${e.message} ${String((e as { code?: unknown }).code)}`)) {
        return new StoreUnavailableError(`Cosmos DB unreachable for ${type}`, e);
      }
      return e instanceof Error ? e : new Error(String(e));
  }
}
