import { AlreadyExistsError, ConflictError, NotFoundError } from '../errors';
import type {
  ActionDoc,
  AgreementDoc,
  GrantDoc,
  BaseDoc,
  DocKey,
  LeaseDoc,
  MeetingLoadDoc,
  MemberDoc,
  ProcessedDoc,
  ResponseDoc,
  RetroDoc,
  RollupDoc,
  Stored,
  TeamDoc,
} from './documents';
import { TENANT_SCOPE } from './documents';
import type { Collection, StoreBackend, StoreHealth, TxOp } from './port';
import { retryOnConflict, type RetryOptions } from './retry';

/**
 * Typed repositories over the store port. Everything here is written once and runs unchanged on every adapter, so
 * the contract suite exercises the same code paths against SQLite and Cosmos DB.
 */
export class Repository<T extends BaseDoc> {
  constructor(protected readonly c: Collection<T>) {}

  get(key: DocKey): Promise<Stored<T> | undefined> {
    return this.c.get(key);
  }
  async require(key: DocKey): Promise<Stored<T>> {
    const doc = await this.c.get(key);
    if (!doc) throw new NotFoundError(`${this.c.type} not found`);
    return doc;
  }
  create(doc: T): Promise<Stored<T>> {
    return this.c.create(doc);
  }
  replace(doc: Stored<T>): Promise<Stored<T>> {
    return this.c.replace(doc);
  }
  upsert(doc: T): Promise<Stored<T>> {
    return this.c.upsert(doc);
  }
  delete(key: DocKey, etag?: string): Promise<boolean> {
    return this.c.delete(key, etag);
  }
  /** All documents of this kind in one team's partition, ordered by id. */
  listByTeam(tenantId: string, teamId: string, limit?: number): Promise<Stored<T>[]> {
    return this.c.query({ tenantId, teamId, orderBy: { field: 'id', direction: 'asc' }, ...(limit ? { limit } : {}) });
  }

  /**
   * Up to `limit` documents of this kind anywhere in the tenant (all teams). For administrative jobs (exports,
   * offboarding), never for request paths: it is a cross-partition query.
   */
  listTenantPage(tenantId: string, limit = 500): Promise<Stored<T>[]> {
    return this.c.query({ tenantId, limit });
  }

  /**
   * Read-modify-write under optimistic concurrency: reads the document, applies `change` to it, and replaces it
   * only if nobody wrote in between; on a lost race it re-reads and re-applies, a bounded number of times.
   * `change` gets a fresh object it may modify and return; or it returns undefined, without modifying it, to leave
   * the document as it is (then nothing is written).
   */
  update(key: DocKey, change: (current: Stored<T>) => T | undefined, options?: RetryOptions): Promise<Stored<T>> {
    return retryOnConflict(async () => {
      const current = await this.require(key);
      // Every read returns a fresh object (adapters parse it per call), so `change` may modify it in place.
      const next = change(current);
      if (next === undefined) return current;
      assertSameKey(current, next);
      return this.c.replace({ ...next, _etag: current._etag } as Stored<T>);
    }, options);
  }

  /** Like update, but creates the document from `initial` when it does not exist yet (races on create are retried). */
  upsertWith(
    key: DocKey,
    initial: () => T,
    change: (current: T) => T | undefined,
    options?: RetryOptions,
  ): Promise<Stored<T>> {
    return retryOnConflict(async () => {
      const current = await this.c.get(key);
      if (!current) {
        const fresh = change(initial()) ?? initial();
        assertSameKey(key, fresh);
        try {
          return await this.c.create(fresh);
        } catch (e) {
          // Someone created it first: treat like a lost ETag race and go round again, reading their version.
          if (e instanceof AlreadyExistsError) throw new ConflictError('created concurrently', e);
          throw e;
        }
      }
      const next = change(current);
      if (next === undefined) return current;
      assertSameKey(current, next);
      return this.c.replace({ ...next, _etag: current._etag } as Stored<T>);
    }, options);
  }
}

function assertSameKey(a: DocKey, b: DocKey): void {
  if (a.tenantId !== b.tenantId || a.teamId !== b.teamId || a.id !== b.id) {
    throw new TypeError('An update may not change the document key');
  }
}

export class RetroRepository extends Repository<RetroDoc> {
  /** The most recently started retro of a team, if any. */
  async latest(tenantId: string, teamId: string): Promise<Stored<RetroDoc> | undefined> {
    const [doc] = await this.c.query({
      tenantId,
      teamId,
      orderBy: { field: 'startedAt', direction: 'desc' },
      limit: 1,
    });
    return doc;
  }
}

export class TeamRepository extends Repository<TeamDoc> {
  /** Every team of one tenant, by name. */
  listByTenant(tenantId: string): Promise<Stored<TeamDoc>[]> {
    return this.c.query({ tenantId, orderBy: { field: 'name', direction: 'asc' } });
  }
}

export class MemberRepository extends Repository<MemberDoc> {
  /** The roster entries of one user across the teams of one tenant: "which teams am I in". */
  listByUser(tenantId: string, userId: string): Promise<Stored<MemberDoc>[]> {
    return this.c.query({
      tenantId,
      where: [{ field: 'id', op: '=', value: userId }],
      orderBy: { field: 'teamId', direction: 'asc' },
    });
  }
}

export class ActionRepository extends Repository<ActionDoc> {
  /** Actions of one team with a given status, by due date. */
  listByStatus(tenantId: string, teamId: string, status: ActionDoc['status']): Promise<Stored<ActionDoc>[]> {
    return this.c.query({
      tenantId,
      teamId,
      where: [{ field: 'status', op: '=', value: status }],
      orderBy: { field: 'due', direction: 'asc' },
    });
  }
  /** Actions anywhere in the tenant owned by one person (data-rights export and deletion). */
  listByOwner(tenantId: string, ownerId: string): Promise<Stored<ActionDoc>[]> {
    return this.c.query({
      tenantId,
      where: [{ field: 'ownerId', op: '=', value: ownerId }],
      orderBy: { field: 'due', direction: 'asc' },
    });
  }
  /** Actions across the tenant due on or before a date (for reminders); the caller filters statuses it cares about. */
  listDueOnOrBefore(tenantId: string, date: string): Promise<Stored<ActionDoc>[]> {
    return this.c.query({
      tenantId,
      where: [{ field: 'due', op: '<=', value: date }],
      orderBy: { field: 'due', direction: 'asc' },
    });
  }
}

/** Documents whose id starts with an ISO week (rollups and meeting load: `${week}`). */
export class WeekRepository<T extends BaseDoc & { week: string }> extends Repository<T> {
  /** Documents of weeks fromWeek..toWeek inclusive, ordered by id. Served by the primary key range alone. */
  listWeeks(tenantId: string, teamId: string, fromWeek: string, toWeek: string): Promise<Stored<T>[]> {
    return this.c.query({
      tenantId,
      teamId,
      where: [
        { field: 'id', op: '>=', value: fromWeek },
        // '~' sorts after ':' and every digit, so "2026-W12~" bounds every id that starts with "2026-W12".
        { field: 'id', op: '<', value: `${toWeek}~` },
      ],
      orderBy: { field: 'id', direction: 'asc' },
    });
  }
}

export class ResponseRepository extends Repository<ResponseDoc> {
  listByPulse(tenantId: string, teamId: string, pulseId: string): Promise<Stored<ResponseDoc>[]> {
    return this.c.query({
      tenantId,
      teamId,
      where: [
        { field: 'id', op: '>=', value: `${pulseId}:` },
        { field: 'id', op: '<', value: `${pulseId};` },
      ],
      orderBy: { field: 'id', direction: 'asc' },
    });
  }
}

export class ProcessedRepository extends Repository<ProcessedDoc> {
  /**
   * Marks an activity id or business key as handled. Returns true the first time, false when it was already marked
   * (a redelivery). Atomic on both adapters because it is a create.
   */
  async markOnce(tenantId: string, scope: string, key: string, ttlSeconds: number, now = new Date()): Promise<boolean> {
    try {
      await this.c.create({
        tenantId,
        teamId: scope || TENANT_SCOPE,
        id: key,
        type: 'processed',
        processedAt: now.toISOString(),
        ttlSeconds,
      });
      return true;
    } catch (e) {
      if (e instanceof AlreadyExistsError) return false;
      throw e;
    }
  }
}

export class LeaseRepository extends Repository<LeaseDoc> {
  /**
   * Takes the lease for `job` if it is free or expired. Returns the lease when this holder owns it now, undefined
   * when another holder does. Two instances racing both read "free"; only one create/replace wins the ETag.
   */
  async tryAcquire(
    tenantId: string,
    job: string,
    holder: string,
    ttlMs: number,
    nowMs = Date.now(),
    teamId = TENANT_SCOPE,
  ): Promise<Stored<LeaseDoc> | undefined> {
    const key = { tenantId, teamId, id: job };
    const current = await this.c.get(key);
    const lease: LeaseDoc = { tenantId, teamId, id: job, type: 'lease', holder, expiresAt: nowMs + ttlMs };
    try {
      if (!current) return await this.c.create(lease);
      if (current.holder !== holder && current.expiresAt > nowMs) return undefined;
      return await this.c.replace({ ...lease, _etag: current._etag });
    } catch (e) {
      if (e instanceof AlreadyExistsError || e instanceof ConflictError) return undefined;
      throw e;
    }
  }
  /** Gives the lease back early; only the holder can, and only if nobody took it over. */
  async release(tenantId: string, job: string, holder: string, teamId = TENANT_SCOPE): Promise<void> {
    const current = await this.c.get({ tenantId, teamId, id: job });
    if (!current || current.holder !== holder) return;
    try {
      await this.c.delete({ tenantId, teamId, id: job }, current._etag);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }
}

export interface Store {
  readonly kind: 'sqlite' | 'cosmos';
  teams: TeamRepository;
  members: MemberRepository;
  retros: RetroRepository;
  actions: ActionRepository;
  agreements: Repository<AgreementDoc>;
  responses: ResponseRepository;
  rollups: WeekRepository<RollupDoc>;
  meetingLoad: WeekRepository<MeetingLoadDoc>;
  processed: ProcessedRepository;
  leases: LeaseRepository;
  grants: Repository<GrantDoc>;
  /** Atomic writes inside one partition: see StoreBackend.transact. */
  transact(tenantId: string, teamId: string, ops: readonly TxOp[]): Promise<Stored<BaseDoc>[]>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export function createStore(backend: StoreBackend): Store {
  return {
    kind: backend.kind,
    teams: new TeamRepository(backend.collection('team')),
    members: new MemberRepository(backend.collection('member')),
    retros: new RetroRepository(backend.collection('retro')),
    actions: new ActionRepository(backend.collection('action')),
    agreements: new Repository(backend.collection('agreement')),
    responses: new ResponseRepository(backend.collection('response')),
    rollups: new WeekRepository(backend.collection('rollup')),
    meetingLoad: new WeekRepository(backend.collection('meeting-load')),
    processed: new ProcessedRepository(backend.collection('processed')),
    leases: new LeaseRepository(backend.collection('lease')),
    grants: new Repository(backend.collection('grant')),
    transact: (tenantId, teamId, ops) => backend.transact(tenantId, teamId, ops),
    health: () => backend.health(),
    close: () => backend.close(),
  };
}
