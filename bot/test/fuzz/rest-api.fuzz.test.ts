import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHAREABLE_METRICS, addWeeks, isShareWeekOpen, isWeekId, isoWeekOf } from '@humandebt/core';
import {
  assertClearAnswer,
  assertHealthy,
  assertRowsWellFormed,
  assertStoreIntegrity,
  assertUnchanged,
  changedRows,
  contentType,
  encodeSegment,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzParams,
  hostileJson,
  nastyNumber,
  nastyString,
  prototypeKeys,
  rawBody,
  send,
  snapshot,
  startFuzzService,
  wrongValue,
  type Answer,
  type FuzzService,
} from './fuzz-support';

/**
 * Property-based fuzzing of the REST API (the third of three fuzz files), as the development identity of a local run (the demo
 * tenant's manager: a member of the demo teams, org viewer and tenant admin, so every route is reachable): fuzzed JSON
 * bodies, raw non-JSON bodies and wrong content types to every mutating route; fuzzed query strings and path
 * parameters on every GET route; any method on any route. Every answer is 2xx or a clear 4xx in time; a 4xx (and
 * every GET) changes nothing in the store; whatever is accepted is stored as well-formed documents; at the end every
 * dashboard view of every team still answers from the store.
 */

const TEAMS = ['team-platform', 'team-success', 'team-design'];
const VIEWS = [
  'summary',
  'psychological-safety',
  'dynamics',
  'hazards',
  'actions',
  'meeting-load',
  'comments',
  'agreements',
];
const TENANT = 'demo-tenant';

/** A path segment: a real id, or a nasty one (encoded as a client would, or raw: malformed percent-encoding too). */
const segment = (real: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    { weight: 3, arbitrary: nastyString.map((s) => encodeSegment(s.slice(0, 3_000))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '%00',
        '%2e%2e',
        '..%2F..%2Fetc%2Fpasswd',
        '~',
        'a'.repeat(129),
        'a'.repeat(10_000),
        '%F0%9F%92%A5',
        '__proto__',
        'constructor',
      ),
    },
  );

/** A raw query string: sane and insane keys and values, arrays, nested brackets, encodings. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'weeks',
          'weeks',
          'weeks[]',
          'weeks[0]',
          'weeks[a]',
          '__proto__',
          '__proto__[polluted]',
          'constructor[prototype][polluted]',
          'toString',
          'team',
          'tenantId',
          'userId',
          '',
          'a'.repeat(2_000),
        ),
        nastyString.map(encodeSegment),
      ),
      fc.oneof(
        fc.constantFrom(
          '1',
          '12',
          '104',
          '105',
          '0',
          '-1',
          '1.5',
          '1e2',
          '0x10',
          ' 12',
          'NaN',
          'Infinity',
          '',
          '%',
          '%zz',
          '12&weeks=13',
          'a'.repeat(5_000),
        ),
        nastyString.map(encodeSegment),
        nastyNumber.map(String),
      ),
      fc.boolean(),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v, bare]) => (bare && v === '' ? k : `${k}=${v}`)).join('&'));

/** Shareable figures, all in range (the week shared is drawn separately). */
const validMetrics = fc.record({
  meetings: fc.integer({ min: 0, max: 2000 }),
  meetingHours: fc.double({ min: 0, max: 168, noNaN: true }),
  workingTimeShare: fc.double({ min: 0, max: 5, noNaN: true }),
  focusHours: fc.double({ min: 0, max: 168, noNaN: true }),
  focusBlocks: fc.integer({ min: 0, max: 2000 }),
  lowFocusWeek: fc.constantFrom(0, 1),
  backToBackChains: fc.integer({ min: 0, max: 2000 }),
  backToBackHours: fc.double({ min: 0, max: 168, noNaN: true }),
  longestChainMeetings: fc.integer({ min: 0, max: 2000 }),
  afterHoursHours: fc.double({ min: 0, max: 168, noNaN: true }),
  conflicts: fc.integer({ min: 0, max: 2000 }),
  conflictShare: fc.double({ min: 0, max: 1, noNaN: true }),
  longMeetings: fc.integer({ min: 0, max: 2000 }),
  largeMeetings: fc.integer({ min: 0, max: 2000 }),
  recurringShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

type Mutation =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'drop'; key: string }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'week'; value: unknown }
  | { kind: 'wrap' };
const metricKey = fc.constantFrom(...(SHAREABLE_METRICS as readonly string[]));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    key: metricKey,
    value: fc.oneof(nastyNumber, wrongValue, fc.constantFrom(-1, 2001, 168.0001, 1e308, '5', null, [], {}, true)),
  }),
  fc.record({
    kind: fc.constant('drop' as const),
    key: fc.oneof(metricKey, fc.constant('week'), fc.constant('metrics')),
  }),
  fc.record({
    kind: fc.constant('extra' as const),
    key: fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'userId', 'teamId', 'title', 'attendees', 'sharers', 'applied'),
      nastyString.filter((s) => s.length < 40),
    ),
    value: hostileJson,
  }),
  fc.record({
    kind: fc.constant('week' as const),
    value: fc.oneof(
      fc.integer({ min: -12, max: 3 }).map((n) => `@week:${n}`),
      fc.constantFrom('2026-W00', '2026-W54', '2020-W53', '9999-W01', '2026-w01', '2026-W1', ' 2026-W01', '2026-W01\n'),
      wrongValue,
    ),
  }),
  fc.constant({ kind: 'wrap' as const }),
);

/** Builds the JSON text (by hand, so hostile keys such as __proto__ arrive as own keys). */
function shareBody(weekId: string, metrics: Record<string, unknown>, mutations: Mutation[], now: Date): string {
  const body: Array<[string, unknown]> = [['week', weekId]];
  let metricEntries: Array<[string, unknown]> = Object.entries(metrics);
  let wrap = false;
  const extras: Array<[string, unknown, 'top' | 'metrics']> = [];
  for (const m of mutations) {
    if (m.kind === 'set') metricEntries = metricEntries.map(([k, v]) => [k, k === m.key ? m.value : v]);
    else if (m.kind === 'drop') {
      if (m.key === 'week') body.splice(0, body.length);
      else if (m.key === 'metrics') metricEntries = [];
      else metricEntries = metricEntries.filter(([k]) => k !== m.key);
    } else if (m.kind === 'extra') extras.push([m.key, m.value, m.key.length % 2 ? 'top' : 'metrics']);
    else if (m.kind === 'week')
      body.splice(0, body.length, [
        'week',
        typeof m.value === 'string' && m.value.startsWith('@week:')
          ? addWeeks(isoWeekOf(now), Number(m.value.slice(6)))
          : m.value,
      ]);
    else wrap = true;
  }
  const obj = (entries: Array<[string, unknown]>) =>
    `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
  const metricsJson = obj([
    ...(mutations.some((m) => m.kind === 'drop' && m.key === 'metrics') ? [] : metricEntries),
    ...extras.filter((e) => e[2] === 'metrics').map(([k, v]) => [k, v] as [string, unknown]),
  ]);
  const dropMetrics = mutations.some((m) => m.kind === 'drop' && m.key === 'metrics');
  const top = `{${[...body.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`), ...(dropMetrics ? [] : [`"metrics":${metricsJson}`]), ...extras.filter((e) => e[2] === 'top').map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`)].join(',')}}`;
  return wrap ? `[${top}]` : top;
}

describe('fuzz: REST API /api/v1', () => {
  let svc: FuzzService;
  let protoBefore: string[];
  const now = new Date();
  const api = (path: string, init: RequestInit = {}): Promise<Answer> => send(`${svc.url}/api/v1${path}`, init);

  /** The request, then: a clear answer; a 4xx changes nothing; a 2xx leaves well-formed documents. */
  async function check(
    what: string,
    path: string,
    init: RequestInit,
    options: { readOnly?: boolean; mustNotChange?: boolean } = {},
  ): Promise<Answer> {
    const before = snapshot(svc.db);
    const a = await api(path, init);
    const label = `${init.method ?? 'GET'} ${path.slice(0, 200)} ${what}`;
    assertClearAnswer(a, label, { head: init.method === 'HEAD' });
    const after = snapshot(svc.db);
    if (a.status >= 400 || options.readOnly || options.mustNotChange)
      assertUnchanged(before, after, `${label} → ${a.status}`);
    else assertRowsWellFormed(changedRows(before, after), label);
    return a;
  }

  beforeAll(async () => {
    svc = await startFuzzService();
    protoBefore = prototypeKeys();
    const teams = (await api('/teams')).text;
    for (const t of TEAMS) expect(teams).toContain(t);
  });
  afterEach(async () => {
    await assertHealthy(svc.url);
    expect(prototypeKeys()).toEqual(protoBefore);
  });
  afterAll(async () => svc?.stopAll());

  it(
    'POST /teams/:teamId/meeting-load: fuzzed shares get 201/200 or a clear 4xx; refusals and duplicates change nothing',
    async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          segment(TEAMS),
          fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: -1, max: 9 }) }),
          validMetrics,
          fc.array(mutation, { maxLength: 3 }),
          async (team, weeksBack, metrics, mutations) => {
            const body = shareBody(addWeeks(isoWeekOf(now), -weeksBack), metrics, mutations, now);
            const before = snapshot(svc.db);
            const a = await check(body.slice(0, 200), `/teams/${team}/meeting-load`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            if (a.status === 200) {
              // "duplicate": the person already shared that week; nothing may change.
              expect(a.text).toContain('"status":"duplicate"');
              assertUnchanged(before, snapshot(svc.db), `duplicate share ${body.slice(0, 200)}`);
            }
            if (a.status === 201) accepted++;
            // An independent oracle: exactly a complete, in-range share of a week whose share window is open, to a
            // team the caller is on, is accepted; everything else is refused.
            const valid = TEAMS.includes(team) && shareIsValid(body, now);
            if (valid)
              expect(a.status, `refused a valid share: ${a.text.slice(0, 200)}\n${body.slice(0, 300)}`).toBeLessThan(
                300,
              );
            else
              expect(a.status, `accepted a share that should be refused: ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(
                400,
              );
          },
        ),
        fuzzParams(120),
      );
      expect(accepted, 'no share was ever accepted: the fuzzing did not reach the write path').toBeGreaterThan(0);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'every mutating route: raw bodies, non-JSON and wrong content types get a clear 4xx and change nothing',
    async () => {
      const routes: Array<[string, string]> = [
        ['POST', '/teams/team-platform/meeting-load'],
        ['POST', '/teams/team-design/meeting-load'],
        ['POST', '/admin/offboard'],
        ['PUT', '/teams/team-platform/meeting-load'],
        ['PATCH', '/admin/offboard'],
        ['DELETE', '/admin/users/fz-nobody-at-all'],
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), rawBody, contentType, async ([method, path], body, type) => {
          const init: RequestInit = { method, headers: type === undefined ? {} : { 'content-type': type }, body };
          // Deleting someone with no data at all is accepted (200) and must change nothing either.
          await check(JSON.stringify(body.slice(0, 80)), path, init, { mustNotChange: true });
        }),
        fuzzParams(100),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'POST /admin/offboard: anything but the exact confirmation is refused and deletes nothing',
    async () => {
      const exact = `delete all data of ${TENANT}`;
      const near = fc.oneof(
        fc.constantFrom(
          exact.toUpperCase(),
          `${exact} `,
          ` ${exact}`,
          `${exact}\u0000`,
          exact.replace(' ', '\u00a0'),
          `delete all data of other-tenant`,
          'delete all data of',
          '',
          exact.normalize('NFD') + '\u0301',
          `delete all data of ${TENANT}`.replace('demo', 'dem\u043e'),
        ),
        nastyString,
      );
      const body = fc.oneof(
        near.map((confirm) => JSON.stringify({ confirm })),
        fc.constant(JSON.stringify({ confirm: exact, force: true })),
        fc.constant(`{"confirm":${JSON.stringify(exact)},"__proto__":{"confirm":${JSON.stringify(exact)}}}`),
        fc.constant(JSON.stringify({ confirm: [exact] })),
        fc.constant(JSON.stringify({ confirm: { toString: exact } })),
        fc.constant(JSON.stringify([{ confirm: exact }])),
        fc.constant(`confirm=${encodeURIComponent(exact)}`),
        hostileJson.map((v) => JSON.stringify({ confirm: v })),
      );
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
          async (b, type) => {
            const a = await check(b.slice(0, 120), '/admin/offboard', {
              method: 'POST',
              headers: { 'content-type': type },
              body: b,
            });
            expect(a.status, `offboarding accepted ${b.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
          },
        ),
        fuzzParams(60),
      );
      expect((await svc.store.teams.listByTenant(TENANT)).length).toBeGreaterThanOrEqual(TEAMS.length);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'DELETE /admin/users/:userId with fuzzed ids: a clear answer; an id with no data deletes nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(segment(['fz-nobody', 'a', 'x.y:z-1']), async (userId) => {
          const decoded = (() => {
            try {
              return decodeURIComponent(userId);
            } catch {
              return userId;
            }
          })();
          const mentioned = (
            svc.db
              .prepare('SELECT count(*) AS n FROM docs WHERE tenant_id = ? AND (id = ? OR instr(body, ?) > 0)')
              .get(TENANT, decoded, JSON.stringify(decoded)) as { n: number }
          ).n;
          await check('', `/admin/users/${userId}`, { method: 'DELETE' }, { mustNotChange: mentioned === 0 });
        }),
        fuzzParams(60),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'every GET route: fuzzed query strings and path parameters get 2xx or a clear 4xx and never change anything',
    async () => {
      const route = fc.oneof(
        fc.constantFrom('/health', '/me', '/teams', '/org/rollup'),
        fc.tuple(segment(TEAMS), fc.constantFrom(...VIEWS)).map(([t, v]) => `/teams/${t}/${v}`),
        segment(['demo-aiko-tanaka', 'demo-manager', 'fz-nobody']).map((u) => `/admin/users/${u}/export`),
      );
      await fc.assert(
        fc.asyncProperty(
          route,
          queryString,
          fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'OPTIONS'),
          async (path, query, method) => {
            await check('', `${path}${query ? `?${query}` : ''}`, { method }, { readOnly: true });
          },
        ),
        fuzzParams(120),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'any method on any path under /api/v1 gets 2xx or a clear 4xx',
    async () => {
      const path = fc.oneof(
        fc
          .tuple(segment(TEAMS), fc.oneof(fc.constantFrom(...VIEWS), nastyString.map(encodeSegment)))
          .map(([t, v]) => `/teams/${t}/${v}`),
        fc.constantFrom(
          '/',
          '',
          '/admin',
          '/admin/users',
          '/admin/users/x',
          '/org',
          '/teams/',
          '/teams/team-platform',
          '/nope',
          '/../v2/teams',
          '/%2e%2e/health',
          '//teams',
          '/teams//summary',
        ),
        nastyString.map((s) => `/${encodeSegment(s)}`),
      );
      await fc.assert(
        fc.asyncProperty(
          path,
          fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
          fc.option(hostileJson, { nil: undefined }),
          async (p, method, body) => {
            const init: RequestInit = {
              method,
              ...(body !== undefined && method !== 'GET' && method !== 'HEAD'
                ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) ?? 'null' }
                : {}),
            };
            // Only POST meeting-load and DELETE users/:id write; both are covered above with their own oracles.
            const writes = (method === 'POST' && p.endsWith('/meeting-load')) || method === 'DELETE';
            await check('', p, init, writes ? {} : { mustNotChange: true });
          },
        ),
        fuzzParams(100),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'after all that, the store is well-formed and every dashboard view of every team still answers from it',
    async () => {
      await assertStoreIntegrity(svc.db, svc.store);
      for (const team of TEAMS) {
        for (const view of VIEWS) {
          const a = await api(`/teams/${team}/${view}`);
          expect(a.status, `${team}/${view}: ${a.text.slice(0, 200)}`).toBe(200);
        }
      }
      expect((await api('/org/rollup')).status).toBe(200);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

/** The test's own reading of the share contract (not core's schema, so the two can disagree). */
function shareIsValid(text: string, now: Date): boolean {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if (Object.keys(b).sort().join() !== 'metrics,week') return false;
  // Only last week can be shared, while its share window is open (core/src/measurement/publication.ts).
  if (typeof b.week !== 'string' || !isWeekId(b.week) || !isShareWeekOpen(b.week, now)) return false;
  const m = b.metrics;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return false;
  const metrics = m as Record<string, unknown>;
  if (Object.keys(metrics).sort().join() !== [...SHAREABLE_METRICS].sort().join()) return false;
  return Object.entries(metrics).every(([k, v]) => typeof v === 'number' && ShareableValueOk(k, v));
}

/** Whether a single figure set to `value` is still inside the shareable range (so the share may be accepted). */
function ShareableValueOk(key: string, value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  const counts = [
    'meetings',
    'focusBlocks',
    'backToBackChains',
    'longestChainMeetings',
    'conflicts',
    'longMeetings',
    'largeMeetings',
  ];
  if (counts.includes(key)) return Number.isInteger(value) && value <= 2000;
  if (key === 'lowFocusWeek') return value === 0 || value === 1;
  if (key === 'workingTimeShare') return value <= 5;
  if (key === 'conflictShare' || key === 'recurringShare') return value <= 1;
  return value <= 168;
}
