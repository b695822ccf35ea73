import type { BaseDoc, DocKey, DocType, Stored } from './documents';

/**
 * The low-level store port every adapter implements: one collection per document type, point operations with ETag
 * semantics, and a small structured query language. Adapters translate a `Query` into their own SQL; no SQL string
 * ever crosses this boundary. Typed repositories (repositories.ts) are built on top of it, in core, once.
 */

/** A top-level field of a document. Restricted to plain identifiers so no adapter ever splices user text into SQL. */
export type FieldName = string;

export type ComparisonOp = '=' | '<' | '<=' | '>' | '>=';

export interface Condition {
  field: FieldName;
  op: ComparisonOp;
  value: string | number | boolean;
}

export interface Query {
  /** Always required: no query ever spans tenants. */
  tenantId: string;
  /** When given, the query stays inside one partition (tenantId, teamId). */
  teamId?: string;
  where?: readonly Condition[];
  orderBy?: { field: FieldName; direction: 'asc' | 'desc' };
  /** At most this many documents. */
  limit?: number;
}

export interface Collection<T extends BaseDoc> {
  readonly type: DocType;
  /** Point read. Missing → undefined (never throws for 404). */
  get(key: DocKey): Promise<Stored<T> | undefined>;
  /** Insert. An existing key → AlreadyExistsError. */
  create(doc: T): Promise<Stored<T>>;
  /** Conditional replace: only when the stored ETag equals doc._etag. Stale → ConflictError; gone → NotFoundError. */
  replace(doc: Stored<T>): Promise<Stored<T>>;
  /** Unconditional insert-or-replace. For seeding and for documents owned by one writer only. */
  upsert(doc: T): Promise<Stored<T>>;
  /** Delete; with an etag, only if it still matches (stale → ConflictError). Returns false when nothing was there. */
  delete(key: DocKey, etag?: string): Promise<boolean>;
  query(query: Query): Promise<Stored<T>[]>;
}

/** One write of an atomic transaction inside one partition (tenantId, teamId). */
export type TxOp = { op: 'create'; doc: BaseDoc } | { op: 'replace'; doc: Stored<BaseDoc> };

export interface StoreHealth {
  ok: boolean;
  kind: 'sqlite' | 'cosmos';
  detail?: string;
}

export interface StoreBackend {
  readonly kind: 'sqlite' | 'cosmos';
  collection<K extends DocType>(type: K): Collection<import('./documents').DocByType[K]>;
  /**
   * All of `ops` or none of them, in one partition (tenantId, teamId). The first failing op decides the error
   * (AlreadyExistsError for a create on an existing key, ConflictError for a stale ETag, NotFoundError for a replace
   * of a missing document) and nothing of the transaction is written. Cosmos DB runs it as a transactional batch,
   * which needs the kinds involved to share a container (see TRANSACTION_GROUPS).
   */
  transact(tenantId: string, teamId: string, ops: readonly TxOp[]): Promise<Stored<BaseDoc>[]>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** Kinds that may be written together in one transaction (they share a Cosmos DB container). */
export const TRANSACTION_GROUPS: ReadonlyArray<ReadonlySet<DocType>> = [new Set<DocType>(['response', 'rollup'])];

export function assertTransaction(tenantId: string, teamId: string, ops: readonly TxOp[]): void {
  if (ops.length === 0 || ops.length > 100) throw new TypeError('A transaction has 1 to 100 operations');
  for (const o of ops) {
    assertKey(o.doc);
    if (o.doc.tenantId !== tenantId || o.doc.teamId !== teamId)
      throw new TypeError('A transaction stays inside one partition');
    if (o.op === 'replace' && !o.doc._etag)
      throw new TypeError('A replace in a transaction needs the _etag that was read');
  }
  const kinds = new Set(ops.map((o) => o.doc.type));
  if (kinds.size > 1 && !TRANSACTION_GROUPS.some((g) => [...kinds].every((k) => g.has(k)))) {
    throw new TypeError(`These kinds cannot be written in one transaction: ${[...kinds].join(', ')}`);
  }
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Shared guard for adapters: refuses any field name that is not a plain identifier. */
export function assertFieldName(field: string): void {
  if (!FIELD.test(field)) throw new TypeError(`Invalid field name in query: ${JSON.stringify(field)}`);
}

export const COMPARISON_OPS: ReadonlySet<string> = new Set(['=', '<', '<=', '>', '>=']);

export function assertQuery(q: Query): void {
  if (!q.tenantId) throw new TypeError('Query without tenantId');
  for (const c of q.where ?? []) {
    assertFieldName(c.field);
    if (!COMPARISON_OPS.has(c.op)) throw new TypeError(`Invalid comparison ${String(c.op)}`);
    const t = typeof c.value;
    if (t !== 'string' && t !== 'number' && t !== 'boolean') throw new TypeError('Invalid comparison value');
  }
  if (q.orderBy) assertFieldName(q.orderBy.field);
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1)) throw new TypeError('Invalid limit');
}

export function keyOf(doc: BaseDoc): DocKey {
  return { tenantId: doc.tenantId, teamId: doc.teamId, id: doc.id };
}

/** Guard against a malformed key reaching an adapter (empty parts would alias documents). */
export function assertKey(key: DocKey): void {
  for (const part of ['tenantId', 'teamId', 'id'] as const) {
    const v = key[part];
    if (typeof v !== 'string' || v.length === 0 || v.length > 255) throw new TypeError(`Invalid document key: ${part}`);
  }
}
