import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
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
 * Embedded store: one SQLite file in WAL mode, one table for every document kind. Columns hold the key and the ETag;
 * the document itself is JSON. Every statement is prepared once. better-sqlite3 is synchronous, so each call is atomic
 * inside this process; the ETag check makes read-modify-write safe across awaits and across processes sharing the
 * file (WAL allows one writer at a time; busy_timeout makes a second process wait instead of failing).
 */

export interface SqliteOptions {
  /** File path, or ':memory:' for throwaway tests. */
  file: string;
  /**
   * FULL: the WAL is fsynced on every commit, so an acknowledged write survives a process crash and a power loss.
   * NORMAL survives a process crash but may lose the last commits on power loss. Default FULL: people's answers are
   * not ours to lose.
   */
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
  /** Injected clock for TTL tests. */
  now?: () => number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  kind       TEXT NOT NULL,
  tenant_id  TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  id         TEXT NOT NULL,
  etag       TEXT NOT NULL,
  body       TEXT NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (kind, tenant_id, team_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS docs_by_tenant_id ON docs (kind, tenant_id, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1');
`;

/** Columns that live outside the JSON body: queries on them use the primary key or index, not json_extract. */
const COLUMN_FIELDS: Record<string, string> = { id: 'id', teamId: 'team_id', tenantId: 'tenant_id' };

interface Row {
  etag: string;
  body: string;
  expires_at: number | null;
}

export class SqliteBackend implements StoreBackend {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly collections = new Map<DocType, SqliteCollection<BaseDoc>>();
  private readonly now: () => number;
  private closed = false;

  constructor(options: SqliteOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.now = options.now ?? Date.now;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  collection<K extends DocType>(type: K): Collection<DocByType[K]> {
    let c = this.collections.get(type);
    if (!c) {
      c = new SqliteCollection(this.db, type, this.now);
      this.collections.set(type, c);
    }
    return c as unknown as Collection<DocByType[K]>;
  }

  async transact(tenantId: string, teamId: string, ops: readonly TxOp[]): Promise<Stored<BaseDoc>[]> {
    assertTransaction(tenantId, teamId, ops);
    // better-sqlite3 transactions are synchronous: nothing else runs in between, and a throw rolls everything back.
    const run = this.db.transaction(() =>
      ops.map((o) => (this.collection(o.doc.type) as unknown as SqliteCollection<BaseDoc>).writeSync(o)),
    );
    try {
      return run();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY)/.test(code))
        throw new StoreUnavailableError('SQLite store unavailable', e);
      throw e;
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { ok: true, kind: 'sqlite' };
    } catch {
      return { ok: false, kind: 'sqlite', detail: 'SQLite file not readable' };
    }
  }

  /**
   * Inserts or replaces many documents in one transaction: for loading benchmark data sets and imports, where one
   * commit per document would be needlessly slow. Not part of the port; request paths never use it.
   */
  bulkUpsert(docs: readonly BaseDoc[]): void {
    const stmt = this.db.prepare(
      'INSERT INTO docs (kind, tenant_id, team_id, id, etag, body, expires_at) VALUES (?, ?, ?, ?, ?, ?, NULL) ' +
        'ON CONFLICT (kind, tenant_id, team_id, id) DO UPDATE SET etag = excluded.etag, body = excluded.body, expires_at = NULL',
    );
    this.db.transaction(() => {
      for (const d of docs) {
        assertKey(d);
        const { _etag: _ignored, ...rest } = d as BaseDoc & { _etag?: string };
        stmt.run(d.type, d.tenantId, d.teamId, d.id, randomUUID(), JSON.stringify(rest));
      }
    })();
  }

  /** Deletes expired idempotency records; the scheduler calls this now and then. */
  purgeExpired(): number {
    return this.db.prepare('DELETE FROM docs WHERE expires_at IS NOT NULL AND expires_at <= ?').run(this.now()).changes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Fold the WAL back into the main file so a copied .sqlite file is complete on its own.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}

class SqliteCollection<T extends BaseDoc> implements Collection<T> {
  private readonly sGet: Database.Statement;
  private readonly sInsert: Database.Statement;
  private readonly sReplace: Database.Statement;
  private readonly sUpsert: Database.Statement;
  private readonly sDelete: Database.Statement;
  private readonly sDeleteIf: Database.Statement;
  private readonly queryCache = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly type: DocType,
    private readonly now: () => number,
  ) {
    const pk = 'kind = ? AND tenant_id = ? AND team_id = ? AND id = ?';
    this.sGet = db.prepare(`SELECT etag, body, expires_at FROM docs WHERE ${pk}`);
    // Insert, or take over the key only from an expired TTL row (Cosmos DB treats those as absent): one statement,
    // so no transaction is needed. changes = 0 means a live document holds the key.
    this.sInsert = db.prepare(
      'INSERT INTO docs (kind, tenant_id, team_id, id, etag, body, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (kind, tenant_id, team_id, id) DO UPDATE SET etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at ' +
        'WHERE docs.expires_at IS NOT NULL AND docs.expires_at <= ?',
    );
    this.sReplace = db.prepare(`UPDATE docs SET etag = ?, body = ?, expires_at = ? WHERE ${pk} AND etag = ?`);
    this.sUpsert = db.prepare(
      'INSERT INTO docs (kind, tenant_id, team_id, id, etag, body, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (kind, tenant_id, team_id, id) DO UPDATE SET etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at',
    );
    this.sDelete = db.prepare(`DELETE FROM docs WHERE ${pk}`);
    this.sDeleteIf = db.prepare(`DELETE FROM docs WHERE ${pk} AND etag = ?`);
  }

  /** One transaction step, synchronous (called inside db.transaction). */
  writeSync(o: TxOp): Stored<T> {
    const doc = o.doc as unknown as Stored<T>;
    const etag = randomUUID();
    const { body, expiresAt } = this.serialise(doc);
    if (o.op === 'create') {
      if (
        this.sInsert.run(this.type, doc.tenantId, doc.teamId, doc.id, etag, body, expiresAt, this.now()).changes === 0
      ) {
        throw new AlreadyExistsError(`${this.type} already exists`);
      }
      return this.withEtag(doc, etag);
    }
    if (this.sReplace.run(etag, body, expiresAt, this.type, doc.tenantId, doc.teamId, doc.id, doc._etag).changes === 1)
      return this.withEtag(doc, etag);
    const exists = this.sGet.get(this.type, doc.tenantId, doc.teamId, doc.id) as Row | undefined;
    if (!exists || this.expired(exists)) throw new NotFoundError(`${this.type} not found`);
    throw new ConflictError(`${this.type} changed since it was read`);
  }

  async get(key: DocKey): Promise<Stored<T> | undefined> {
    assertKey(key);
    return this.run(() => {
      const row = this.sGet.get(this.type, key.tenantId, key.teamId, key.id) as Row | undefined;
      if (!row || this.expired(row)) return undefined;
      return this.materialise(row);
    });
  }

  async create(doc: T): Promise<Stored<T>> {
    assertKey(doc);
    return this.run(() => {
      const etag = randomUUID();
      const { body, expiresAt } = this.serialise(doc);
      if (
        this.sInsert.run(this.type, doc.tenantId, doc.teamId, doc.id, etag, body, expiresAt, this.now()).changes === 0
      ) {
        throw new AlreadyExistsError(`${this.type} already exists`);
      }
      return this.withEtag(doc, etag);
    });
  }

  async replace(doc: Stored<T>): Promise<Stored<T>> {
    assertKey(doc);
    if (!doc._etag) throw new TypeError('replace needs the _etag that was read');
    return this.run(() => {
      const etag = randomUUID();
      const { body, expiresAt } = this.serialise(doc);
      const changed = this.sReplace.run(
        etag,
        body,
        expiresAt,
        this.type,
        doc.tenantId,
        doc.teamId,
        doc.id,
        doc._etag,
      ).changes;
      if (changed === 1) return this.withEtag(doc, etag);
      const exists = this.sGet.get(this.type, doc.tenantId, doc.teamId, doc.id) as Row | undefined;
      if (!exists || this.expired(exists)) throw new NotFoundError(`${this.type} not found`);
      throw new ConflictError(`${this.type} changed since it was read`);
    });
  }

  async upsert(doc: T): Promise<Stored<T>> {
    assertKey(doc);
    return this.run(() => {
      const etag = randomUUID();
      const { body, expiresAt } = this.serialise(doc);
      this.sUpsert.run(this.type, doc.tenantId, doc.teamId, doc.id, etag, body, expiresAt);
      return this.withEtag(doc, etag);
    });
  }

  async delete(key: DocKey, etag?: string): Promise<boolean> {
    assertKey(key);
    return this.run(() => {
      if (etag === undefined) return this.sDelete.run(this.type, key.tenantId, key.teamId, key.id).changes === 1;
      if (this.sDeleteIf.run(this.type, key.tenantId, key.teamId, key.id, etag).changes === 1) return true;
      const exists = this.sGet.get(this.type, key.tenantId, key.teamId, key.id) as Row | undefined;
      if (!exists) return false;
      throw new ConflictError(`${this.type} changed since it was read`);
    });
  }

  async query(q: Query): Promise<Stored<T>[]> {
    assertQuery(q);
    return this.run(() => {
      const params: unknown[] = [this.type, q.tenantId];
      let sql = 'SELECT etag, body, expires_at FROM docs WHERE kind = ? AND tenant_id = ?';
      if (q.teamId !== undefined) {
        sql += ' AND team_id = ?';
        params.push(q.teamId);
      }
      for (const c of q.where ?? []) {
        sql += ` AND ${this.expr(c.field)} ${c.op} ?`;
        params.push(typeof c.value === 'boolean' ? (c.value ? 1 : 0) : c.value);
      }
      if (q.orderBy)
        sql += ` ORDER BY ${this.expr(q.orderBy.field)} ${q.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;
      if (q.limit !== undefined) {
        sql += ' LIMIT ?';
        params.push(q.limit);
      }
      // The SQL text depends only on field names and operators (validated identifiers), never on values.
      let stmt = this.queryCache.get(sql);
      if (!stmt) {
        stmt = this.db.prepare(sql);
        this.queryCache.set(sql, stmt);
      }
      const rows = stmt.all(...params) as Row[];
      const out: Stored<T>[] = [];
      for (const row of rows) if (!this.expired(row)) out.push(this.materialise(row));
      return out;
    });
  }

  private expr(field: string): string {
    return COLUMN_FIELDS[field] ?? `json_extract(body, '$.${field}')`;
  }

  private expired(row: Row): boolean {
    return row.expires_at !== null && row.expires_at <= this.now();
  }

  private serialise(doc: T | Stored<T>): { body: string; expiresAt: number | null } {
    const { _etag: _ignored, ...rest } = doc as Stored<T>;
    const ttl = (rest as { ttlSeconds?: unknown }).ttlSeconds;
    const expiresAt = typeof ttl === 'number' && ttl > 0 ? this.now() + ttl * 1000 : null;
    return { body: JSON.stringify(rest), expiresAt };
  }

  private materialise(row: Row): Stored<T> {
    return { ...(JSON.parse(row.body) as T), _etag: row.etag };
  }

  /** The document as written, with its new ETag (a shallow copy: callers hand over what they write). */
  private withEtag(doc: T | Stored<T>, etag: string): Stored<T> {
    return { ...(doc as T), _etag: etag };
  }

  /** Maps driver failures that mean "the file is not usable" to the catalogue; domain errors pass through. */
  private run<R>(fn: () => R): R {
    try {
      return fn();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|CORRUPT|NOTADB)/.test(code)) {
        throw new StoreUnavailableError('SQLite store unavailable', e);
      }
      throw e;
    }
  }
}
