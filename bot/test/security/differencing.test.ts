import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommentsResponse,
  DynamicsResponse,
  HazardLedgerResponse,
  OrgRollupResponse,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
  addToMeetingLoadMetrics,
  getItem,
  keyedScore,
  planFor,
  submitPulseResponse,
  weekStart,
  type SubmissionOutcome,
  type MeetingLoadDoc,
  type OrgNode,
  type Store,
} from '@humandebt/core';
import { entraAuthenticator } from '../../src/auth/identity';
import { loadConfig } from '../../src/config';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { openStore } from '../../src/store/factory';
import { HumanDebtBot } from '../../src/teams/human-debt.bot';
import { startTestService } from '../support';
import { sampleShareable } from '../service/dashboard.fixtures';
import {
  FakeMessenger,
  GROUP,
  MEMBERS,
  RecordingAdapter,
  TENANT as HARNESS_TENANT,
  cardText,
  harness,
} from '../teams/harness';

/**
 * Differencing attacks. Someone with legitimate read access (a team member, an org viewer, a team in the
 * chat) tries to learn one person's answer, or a below-k group's figure, by combining responses the service gives
 * out: parent minus children in the org roll-up, overlapping time windows, reads before and after one late answer or
 * one late share, comment lists, the bot's retro card, and the tab's CSV export. Everything runs against the real
 * service in production mode (Entra tokens minted here against a local key set, one token per person), with answers
 * entering through the real pulse path (`submitPulseResponse`) and meeting-load shares through the real REST share.
 *
 * Time is modelled, not faked: the service runs on a clock this file moves (`b.at(...)`), and every answer and share
 * is given at the service's current time — history is built by moving the clock into each week and answering there.
 * That matters because the protection against "read at n, read again at n + 1" is a collection window per week
 * (core/src/measurement/publication.ts): pulse answers for week W are taken from Sunday 10:00 UTC before W until
 * Monday 12:00 UTC after it, meeting-load shares of W during the week after W (same edges, one week later), and a
 * week's figures — dashboards, comments, org roll-up, the bot's retro card — are shown only once its window has
 * closed, when they can no longer change. So the late answer, the 11th comment and the sixth share are either taken
 * while the week is still hidden, or refused once it is shown; every test below checks both halves.
 */

/** Thursday 12:00 UTC of an ISO week: inside that week's pulse window (and inside the share window of the week before). */
const during = (week: string) => new Date(weekStart(week).getTime() + 3.5 * 86_400_000);
const THIS_WEEK = '2026-W48'; // a full Edmondson check week
/** W48's pulse window and W47's share window close: from here on W48's scores and W47's meeting load are shown. */
const PUBLISHED = new Date('2026-11-30T12:00:00Z');
/** A day after that: W48 and W47 (shares) are still the latest published weeks; W49's pulse and W48's shares are open. */
const NEXT_DAY = new Date('2026-12-01T12:00:00Z');
const TENANT = 'diff-tenant';
const K = 5;
const CLIENT_ID = '00000000-0000-0000-0000-0000000000d1';

type Svc = Awaited<ReturnType<typeof startTestService>>;

interface Booted {
  svc: Svc;
  /** The service's clock: every read, answer and share happens at this time. */
  now(): Date;
  /** Moves the service's clock (forward, in this file: time only ever moves on within one service). */
  at(when: Date | string): void;
  get(user: string, path: string): Promise<Response>;
  json<T>(user: string, path: string): Promise<T>;
  share(user: string, teamId: string, week: string, metrics: Record<string, number>): Promise<Response>;
  team(id: string, orgUnit: string | undefined, people: readonly string[], k?: number): Promise<void>;
  /** Submits a pulse answer through the real path, at the service's current time; returns what the service said. */
  attempt(
    teamId: string,
    user: string,
    week: string,
    value: (itemId: string) => number,
    comment?: string,
  ): Promise<SubmissionOutcome>;
  /** `attempt`, expecting the answer to be accepted. */
  answer(
    teamId: string,
    user: string,
    week: string,
    value: (itemId: string) => number,
    comment?: string,
  ): Promise<void>;
  grant(user: string, orgUnits: string[]): Promise<void>;
}

/** The real service in production mode, authenticating minted Entra tokens; one token per person. */
async function boot(): Promise<Booted> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const env = {
    HD_MODE: 'production',
    BOT_APP_ID: '00000000-0000-0000-0000-0000000000b0',
    BOT_APP_PASSWORD: 'not-a-real-secret',
    BOT_TENANT_ID: TENANT,
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_APP_ID_URI: `api://localhost/${CLIENT_ID}`,
    ALLOWED_TENANTS: TENANT,
    PSEUDONYM_SECRET: 'd'.repeat(48),
    // The attacker is allowed to ask as often as they like: rate limits are not a privacy control.
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
  };
  const entra = loadConfig({ ...env, PORT: '0' }).entra!;
  let clock = new Date('2026-10-26T12:00:00Z'); // set by each suite with b.at(...) before anything happens
  const svc = await startTestService(env, {
    authenticator: entraAuthenticator(entra, createLocalJWKSet({ keys: [jwk] })),
    now: () => clock,
  });
  const tokens = new Map<string, Promise<string>>();
  const token = (user: string) => {
    if (!tokens.has(user)) {
      tokens.set(
        user,
        new SignJWT({ tid: TENANT, oid: user, name: user, scp: 'access_as_user' })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
          .setAudience(CLIENT_ID)
          .setIssuedAt()
          .setExpirationTime(Math.floor(Date.now() / 1000) + 3600)
          .sign(privateKey),
      );
    }
    return tokens.get(user)!;
  };
  const pseudonyms = new Pseudonyms(svc.config.pseudonymSecret);
  const get = async (user: string, path: string) =>
    fetch(`${svc.url}/api/v1/${path}`, { headers: { authorization: `Bearer ${await token(user)}` } });
  const attempt: Booted['attempt'] = async (teamId, user, week, value, comment) => {
    const personSeed = pseudonyms.rotationSeed(TENANT, teamId, user);
    const answers = Object.fromEntries(planFor({ teamId, personSeed, week }).items.map((i) => [i.id, value(i.id)]));
    const rosterSize = (await svc.store.members.listByTeam(TENANT, teamId)).length;
    // `now` is the service's clock, as the bot passes the time of the turn: an answer cannot be back-dated.
    return submitPulseResponse(svc.store, {
      tenantId: TENANT,
      teamId,
      week,
      respondentKey: pseudonyms.respondentKey(TENANT, week, user),
      personSeed,
      answers,
      ...(comment ? { comment } : {}),
      rosterSize,
      now: clock,
    });
  };
  return {
    svc,
    now: () => clock,
    at(when) {
      clock = new Date(when);
    },
    get,
    async json<T>(user: string, path: string) {
      const res = await get(user, path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    },
    async share(user, teamId, week, metrics) {
      return fetch(`${svc.url}/api/v1/teams/${teamId}/meeting-load`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(user)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ week, metrics }),
      });
    },
    async team(id, orgUnit, people, k = K) {
      await svc.store.teams.create({
        tenantId: TENANT,
        teamId: id,
        id,
        type: 'team',
        name: `Team ${id}`,
        ...(orgUnit ? { orgUnit } : {}),
        settings: {
          kThreshold: k,
          timeZone: 'UTC',
          workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
          pulseCadence: 'weekly',
        },
        createdAt: clock.toISOString(),
      });
      for (const p of people)
        await svc.store.members.create({
          tenantId: TENANT,
          teamId: id,
          id: p,
          type: 'member',
          displayName: p,
          role: 'member',
          joinedAt: clock.toISOString(),
        });
    },
    attempt,
    async answer(teamId, user, week, value, comment) {
      const outcome = await attempt(teamId, user, week, value, comment);
      expect(outcome.status, `${teamId} ${user} ${week} at ${clock.toISOString()}`).toBe('accepted');
    },
    async grant(user, orgUnits) {
      await svc.store.grants.create({
        tenantId: TENANT,
        teamId: '~tenant',
        id: user,
        type: 'grant',
        roles: ['org-viewer'],
        orgUnits,
        grantedBy: 'admin',
        grantedAt: clock.toISOString(),
      });
    },
  };
}

const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-p${i}`);
/** A spread of ordinary answers (2..5), different per person and item. */
const ordinary = (personIndex: number) => (itemId: string) =>
  2 + ((personIndex + itemId.length + itemId.charCodeAt(itemId.length - 1)) % 4);

// ---------------------------------------------------------------------------------------------------------------
// Export helpers (attack 7): the tab's CSV builders, fed with exactly what the API returned. They are loaded at run
// time (vitest compiles the .tsx) so that the bot's type-check does not pull the tab's DOM/JSX sources in.
// ---------------------------------------------------------------------------------------------------------------

type CsvTable = readonly (readonly (string | number)[])[];
interface CsvBuilders {
  round(value: number, fractionDigits?: number): number;
  suppressionText(k: number): string;
  dynamicsCsv(d: DynamicsResponse): CsvTable;
  hazardCsv(l: HazardLedgerResponse): CsvTable;
  meetingLoadCsv(m: TeamMeetingLoadResponse): CsvTable;
  orgCsv(r: OrgRollupResponse): CsvTable;
  overviewCsv(s: TeamSummaryResponse): CsvTable;
  safetyCsv(s: PsychologicalSafetyResponse): CsvTable;
}
let csv: CsvBuilders;
beforeAll(async () => {
  const load = (p: string) =>
    import(/* @vite-ignore */ fileURLToPath(new URL(`../../../tabs/src/dashboard/${p}`, import.meta.url))) as Promise<
      Partial<CsvBuilders>
    >;
  const parts = await Promise.all(
    [
      'csv.ts',
      'gated.ts',
      'views/DynamicsView.tsx',
      'views/HazardLedgerView.tsx',
      'views/MeetingLoadView.tsx',
      'views/OrgRollupView.tsx',
      'views/OverviewView.tsx',
      'views/PsychSafetyView.tsx',
    ].map(load),
  );
  csv = Object.assign({}, ...parts) as CsvBuilders;
}, 60_000);

function numbersIn(x: unknown, out = new Set<number>()): Set<number> {
  if (typeof x === 'number') out.add(x);
  else if (Array.isArray(x)) x.forEach((v) => numbersIn(v, out));
  else if (x && typeof x === 'object') Object.values(x).forEach((v) => numbersIn(v, out));
  return out;
}

function suppressedCount(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((s: number, v) => s + suppressedCount(v), 0);
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return (o.suppressed === true ? 1 : 0) + Object.values(o).reduce((s: number, v) => s + suppressedCount(v), 0);
  }
  return 0;
}

/**
 * Every number in the CSV must be a number the API response carried (possibly rounded as on screen), and a
 * suppressed result must show up as the suppression text, never as a number or an empty value.
 */
function expectCsvWithinApi(name: string, rows: CsvTable, api: unknown, k: number): void {
  const allowed = [...numbersIn(api)].flatMap((v) => [v, csv.round(v), csv.round(v, 2), csv.round(v, 0)]);
  for (const row of rows.slice(1)) {
    for (const cell of row) {
      const value = typeof cell === 'number' ? cell : /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : undefined;
      if (value === undefined) continue;
      expect(
        allowed.some((a) => Math.abs(a - value) < 1e-9),
        `${name}: CSV value ${value} is not in the API response (row ${JSON.stringify(row)})`,
      ).toBe(true);
    }
  }
  if (suppressedCount(api) > 0)
    expect(rows.flat().filter((c) => c === csv.suppressionText(k)).length, `${name}: suppressed cells`).toBeGreaterThan(
      0,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Org roll-up: parent minus visible children, across two levels and across viewers.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Org layout (k = 5), the same people answer every pulse and share every week:
 *   Engineering: A 6, B 7, C 2 (below k)             → Engineering − A − B would be C
 *   Product:     P1 6, P2 3, P3 2 (P2+P3 = 5)          → safe on its own (gap 5)
 *   Sales:       D 5, E 8
 *   Ops:         F 2 (below k, alone in its unit)
 * Tenant − Engineering's visible teams − Product − Sales = C + F = 4 people → needs a complementary cell.
 */
const ORG: Record<string, { unit: string; size: number }> = {
  'org-a': { unit: 'Engineering', size: 6 },
  'org-b': { unit: 'Engineering', size: 7 },
  'org-c': { unit: 'Engineering', size: 2 },
  'org-p1': { unit: 'Product', size: 6 },
  'org-p2': { unit: 'Product', size: 3 },
  'org-p3': { unit: 'Product', size: 2 },
  'org-d': { unit: 'Sales', size: 5 },
  'org-e': { unit: 'Sales', size: 8 },
  'org-f': { unit: 'Ops', size: 2 },
};
const METRIC_WEEKS = ['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48'];

/** Which teams each node of a roll-up tree covers. */
function teamsUnder(node: OrgNode): string[] {
  return node.kind === 'team' ? [node.id.replace(/^team:/, '')] : node.children.flatMap(teamsUnder);
}

interface ReleasedSet {
  label: string;
  teams: string[];
  n: number;
  mean: number;
}

function releasedSets(tree: OrgNode): ReleasedSet[] {
  const out: ReleasedSet[] = [];
  const walk = (node: OrgNode) => {
    if (!node.result.suppressed)
      out.push({ label: node.label, teams: teamsUnder(node), n: node.result.n, mean: node.result.value.mean });
    node.children.forEach(walk);
  };
  walk(tree);
  return out;
}

/**
 * The attacker's algebra: people grouped by which released totals they are in ("cells"). Every released total is a
 * sum of whole cells; for these nested trees every cell can also be isolated by subtraction. A cell of 1..k−1 people
 * is a leak. Teams count as released (their dashboards show them to members and to org viewers).
 */
function smallCells(
  sets: ReleasedSet[],
  sizes: Record<string, number>,
  k: number,
): Array<{ teams: string[]; people: number }> {
  const cells = new Map<string, { teams: string[]; people: number }>();
  for (const [team, size] of Object.entries(sizes)) {
    const signature = sets.map((s) => (s.teams.includes(team) ? '1' : '0')).join('');
    if (!signature.includes('1')) continue; // in no released total: nothing to subtract
    const cell = cells.get(signature) ?? { teams: [], people: 0 };
    cell.teams.push(team);
    cell.people += size;
    cells.set(signature, cell);
  }
  return [...cells.values()].filter((c) => c.people > 0 && c.people < k);
}

/** Mean of the people in `target`, derived by subtraction from released totals when the target is exactly a gap. */
function subtract(parent: ReleasedSet, parts: ReleasedSet[]): { n: number; mean: number } {
  const n = parent.n - parts.reduce((s, p) => s + p.n, 0);
  const sum = parent.n * parent.mean - parts.reduce((s, p) => s + p.n * p.mean, 0);
  return { n, mean: sum / n };
}

describe('differencing attacks on the org roll-up', () => {
  let b: Booted;
  const rollups = new Map<string, OrgRollupResponse>();

  beforeAll(async () => {
    b = await boot();
    b.at(during(METRIC_WEEKS[0]!));
    for (const [id, { unit, size }] of Object.entries(ORG)) await b.team(id, unit, people(id, size));
    const everyone = Object.entries(ORG).flatMap(([id, { size }]) =>
      people(id, size).map((person) => ({ id, person })),
    );
    // Each week's pulse is answered during that week; W47's meeting load is shared during W48 (the week after it).
    for (const week of METRIC_WEEKS) {
      b.at(during(week));
      for (const [i, { id, person }] of everyone.entries()) await b.answer(id, person, week, ordinary(i + 1));
    }
    for (const [i, { id, person }] of everyone.entries()) {
      const res = await b.share(person, id, '2026-W47', {
        ...sampleShareable(),
        meetingHours: 8 + ((i + 1) % 7) * 2.5,
      });
      expect(res.status).toBe(201);
    }
    // The roll-up is read once W48's pulse and W47's sharing have closed: every figure in it is final.
    b.at(PUBLISHED);
    await b.grant('hr-all', ['*']);
    await b.grant('hr-eng', ['Engineering']);
    await b.grant('hr-product-sales', ['Product', 'Sales']);
    for (const viewer of ['hr-all', 'hr-eng', 'hr-product-sales'])
      rollups.set(viewer, OrgRollupResponse.parse(await b.json(viewer, 'org/rollup')));
  }, 60_000);
  afterAll(async () => b?.svc.stop());

  const sizes = Object.fromEntries(Object.entries(ORG).map(([id, { size }]) => [id, size]));

  it('hides the below-k teams and the unit that would be their complement, in every metric', () => {
    const body = rollups.get('hr-all')!;
    expect(body.k).toBe(K);
    for (const m of body.metrics) {
      const find = (label: string) => {
        const stack = [m.tree];
        while (stack.length) {
          const n = stack.pop()!;
          if (n.label === label) return n;
          stack.push(...n.children);
        }
        throw new Error(`${label} not in ${m.key}`);
      };
      for (const small of ['Team org-c', 'Team org-p2', 'Team org-p3', 'Team org-f'])
        expect(find(small).result, `${m.key} ${small}`).toMatchObject({ suppressed: true, reason: 'below-k' });
      // Engineering − A − B = C (2 people): Engineering itself must go.
      expect(find('Engineering').result, m.key).toMatchObject({ suppressed: true });
      // Tenant − Sales − Product − A − B = C + F (4 people): a sibling unit is hidden as the complement.
      expect(find('Product').result, m.key).toMatchObject({ suppressed: true, reason: 'complementary' });
      expect(find('Sales').result.suppressed, m.key).toBe(false);
      expect(m.tree.result.suppressed, m.key).toBe(false);
      // A suppressed node says why and nothing else.
      for (const label of ['Engineering', 'Product', 'Team org-c'])
        expect(Object.keys(find(label).result).sort()).toEqual(['k', 'message', 'reason', 'suppressed']);
    }
  });

  it('lets no subtraction of released totals — parent minus children, across two levels — isolate fewer than k people', () => {
    const body = rollups.get('hr-all')!;
    for (const m of body.metrics) {
      const sets = releasedSets(m.tree);
      // Teams are visible on their own dashboards (members, org viewers) whether or not the roll-up shows them.
      const teamSets = sets.filter((s) => s.teams.length === 1);
      expect(smallCells(sets, sizes, K), m.key).toEqual([]);
      // The concrete attempts: one level (Engineering − A − B) and two levels (tenant − units − teams).
      const eng = sets.find((s) => s.label === 'Engineering');
      expect(eng, `${m.key}: Engineering would give C by subtraction`).toBeUndefined();
      const tenant = sets.find((s) => s.label === 'Whole organisation');
      if (!tenant) continue; // hiding the whole organisation is safe too
      const visibleUnits = sets.filter((s) => s.teams.length > 1 && s !== tenant);
      const coveredByUnits = new Set(visibleUnits.flatMap((u) => u.teams));
      const looseTeams = teamSets.filter((t) => !coveredByUnits.has(t.teams[0]!));
      const rest = subtract(tenant, [...visibleUnits, ...looseTeams]);
      expect(rest.n, `${m.key}: tenant minus everything shown`).toBeGreaterThanOrEqual(K);
    }
  });

  it('gives two viewers with different grants nothing that, put together, isolates a small group', async () => {
    // Colluding viewers, or one viewer whose grant changed over time, hold the union of what each was shown.
    for (const m of rollups.get('hr-all')!.metrics) {
      const union = [...rollups.values()].flatMap((r) => releasedSets(r.metrics.find((x) => x.key === m.key)!.tree));
      const small = smallCells(union, sizes, K);
      expect(small, `${m.key}: ${JSON.stringify(small)}`).toEqual([]);
    }
  });

  it('a viewer of one unit with a below-k team sees neither the unit nor a "whole organisation" equal to it', () => {
    const eng = rollups.get('hr-eng')!;
    for (const m of eng.metrics) {
      const sets = releasedSets(m.tree);
      expect(
        sets.filter((s) => s.teams.length > 1),
        m.key,
      ).toEqual([]);
      expect(smallCells(sets, sizes, K), m.key).toEqual([]);
    }
  });

  it('refuses every filter or parameter on the roll-up (4xx), instead of ignoring it', async () => {
    for (const q of [
      'unit=Engineering',
      'team=org-c',
      'metric=meeting-hours',
      'k=3',
      'weeks=1',
      'from=2026-W40&to=2026-W47',
      'filter=role:manager',
    ]) {
      const res = await b.get('hr-all', `org/rollup?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.text(), q).not.toContain('"suppressed":false');
    }
  });

  it('org viewers can read team dashboards, but a below-k team is suppressed there too', async () => {
    for (const view of ['dynamics', 'hazards', 'psychological-safety', 'meeting-load', 'summary']) {
      const text = await (await b.get('hr-all', `teams/org-c/${view}?weeks=12`)).text();
      expect(text, view).not.toContain('"suppressed":false');
      expect(text, view).not.toMatch(/"mean":|histogram/);
    }
  });

  it('shows only closed weeks, so a later read (more answers and shares coming in) is the same roll-up', async () => {
    const first = rollups.get('hr-all')!;
    expect(first.asOfWeek).toBe(THIS_WEEK);
    // A day later W49's pulse and W48's sharing are open and taking answers; the roll-up does not move.
    b.at(NEXT_DAY);
    const [id, { size }] = Object.entries(ORG)[0]!;
    for (const [i, person] of people(id, size).entries()) {
      await b.answer(id, person, '2026-W49', () => 7);
      expect((await b.share(person, id, THIS_WEEK, { ...sampleShareable(), meetingHours: 40 + i })).status).toBe(201);
    }
    expect(JSON.stringify(OrgRollupResponse.parse(await b.json('hr-all', 'org/rollup')))).toBe(JSON.stringify(first));
  });

  it('exports (CSV) nothing the roll-up API did not return', () => {
    for (const [viewer, body] of rollups) {
      const rows = csv.orgCsv(body);
      expectCsvWithinApi(`org ${viewer}`, rows, body, body.k);
      // Every node the API hid is in the file only as the suppression text, with no count.
      for (const m of body.metrics) {
        const hidden: string[] = [];
        const walk = (n: OrgNode) => {
          if (n.result.suppressed) hidden.push(n.label);
          n.children.forEach(walk);
        };
        walk(m.tree);
        expect(hidden.length).toBeGreaterThan(0);
        for (const label of hidden) {
          const row = rows.find((r: readonly (string | number)[]) => r[0] === m.label && r[1] === label)!;
          expect(row, `${viewer} ${m.key} ${label}`).toBeDefined();
          expect(row[3], `${viewer} ${m.key} ${label}`).toBe(csv.suppressionText(body.k));
          expect(row[4]).toBe('');
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2–5, 7. Team endpoints: time windows, unknown filters, late answers, comments, meeting-load shares, CSV.
// ---------------------------------------------------------------------------------------------------------------

type Cell = { n: number; mean: number; histograms?: Record<string, number[]> };

/** Every released per-week cell of the team dashboard, keyed by what it measures. */
function releasedCells(
  dyn: DynamicsResponse,
  hz: HazardLedgerResponse,
  ps: PsychologicalSafetyResponse,
): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const s of dyn.dimensions)
    for (const w of s.weeks)
      if (!w.result.suppressed) out.set(`${s.key}@${w.week}`, { n: w.result.n, mean: w.result.value.mean });
  for (const w of hz.weeks) {
    for (const [key, c] of Object.entries(w.cells))
      if (c.status === 'measured' && !c.result.suppressed)
        out.set(`${key}@${c.measuredWeek}`, { n: c.result.n, mean: c.result.value.mean });
  }
  for (const c of ps.checks) {
    if (!c.result.suppressed)
      out.set(`edmondson@${c.week}`, {
        n: c.result.n,
        mean: c.result.value.mean,
        histograms: Object.fromEntries(c.result.value.items.map((i) => [i.itemId, i.histogram])),
      });
  }
  for (const p of ps.pulse)
    if (!p.result.suppressed) out.set(`psychological-safety@${p.week}`, { n: p.result.n, mean: p.result.value.mean });
  return out;
}

/** What one person answered, keyed as the released cells are: per category, and the Edmondson check (mean, items). */
interface Truth {
  cells: Map<string, number>;
  edmondsonItems: Map<string, number>;
}

function truthOf(b: Booted, teamId: string, user: string, week: string, answer = 7): Truth {
  const pseudonyms = new Pseudonyms(b.svc.config.pseudonymSecret);
  const plan = planFor({ teamId, personSeed: pseudonyms.rotationSeed(TENANT, teamId, user), week });
  const cells = new Map<string, number>();
  const edmondsonItems = new Map<string, number>();
  for (const item of plan.items) {
    const keyed = keyedScore(getItem(item.id)!, answer);
    if (item.instrument === 'pulse') cells.set(`${item.category}@${week}`, keyed);
    else edmondsonItems.set(item.id, keyed);
  }
  if (edmondsonItems.size > 0)
    cells.set(`edmondson@${week}`, [...edmondsonItems.values()].reduce((s, v) => s + v, 0) / edmondsonItems.size);
  return { cells, edmondsonItems };
}

type DashboardRead = { dyn: DynamicsResponse; hz: HazardLedgerResponse; ps: PsychologicalSafetyResponse };

/** The attacker's arithmetic on two reads: every cell that grew by one respondent, and the histogram difference. */
function revealedBy(first: DashboardRead, second: DashboardRead, truth: Truth): string[] {
  const x5 = releasedCells(first.dyn, first.hz, first.ps);
  const y6 = releasedCells(second.dyn, second.hz, second.ps);
  const revealed: string[] = [];
  for (const [key, actual] of truth.cells) {
    const x = x5.get(key);
    const y = y6.get(key);
    if (!y) continue;
    // A cell seen for the first time at n is "grown" from nothing: its n·mean is the sum of n answers, no one's own.
    if (x ? y.n !== x.n + 1 : y.n !== 1) continue;
    const derived = y.n * y.mean - (x ? x.n * x.mean : 0);
    if (Math.abs(derived - actual) < 0.5) revealed.push(`${key}: derived ${derived.toFixed(2)}, answered ${actual}`);
  }
  const week = [...truth.cells.keys()][0]?.split('@')[1];
  const hb = x5.get(`edmondson@${week}`)?.histograms;
  const ha = y6.get(`edmondson@${week}`)?.histograms;
  if (hb && ha) {
    for (const [itemId, actual] of truth.edmondsonItems) {
      const diff = ha[itemId]!.map((v, i) => v - hb[itemId]![i]!);
      if (diff.filter((d) => d !== 0).length === 1 && diff.indexOf(1) === actual - 1)
        revealed.push(`${itemId}: histogram difference shows ${actual}`);
    }
  }
  return revealed;
}

/** Every week a team read mentions in a per-week list (shown or suppressed). */
function weeksShown(r: DashboardRead & { summary: TeamSummaryResponse }): string[] {
  const weeks = new Set<string>();
  for (const d of r.dyn.dimensions) for (const w of d.weeks) weeks.add(w.week);
  for (const w of r.hz.weeks) weeks.add(w.week);
  for (const c of r.ps.checks) weeks.add(c.week);
  for (const p of r.ps.pulse) weeks.add(p.week);
  for (const t of r.summary.trend) weeks.add(t.week);
  return [...weeks].sort();
}

describe('differencing attacks on the team dashboard', () => {
  let b: Booted;
  const LATE = 'late-p5';
  const late = people('late', 6); // late-p0..late-p5; late-p5 tries to answer after the week closed
  const open = people('open', 6); // open-p0..open-p5; open-p5 answers last, while the week is still open
  type Read = {
    dyn: DynamicsResponse;
    hz: HazardLedgerResponse;
    ps: PsychologicalSafetyResponse;
    summary: TeamSummaryResponse;
  };
  /** What the late person answers (keyed, as the rollups store it): the attacker's target. The same for open-p5. */
  let truth: Truth;
  let openTruth: Truth;
  /** team-late at PUBLISHED (W48 shown at n = 5), and after late-p5's answer was refused a day later. */
  let before: Read;
  let after: Read;
  let lateAtClose: SubmissionOutcome;
  let lateOutcome: SubmissionOutcome;
  /** team-open while W48 is open: at n = 5, and at n = 6 one millisecond before the window closes; then published. */
  let openAt5: Read;
  let openAt6: Read;
  let openPublished: Read;

  const read = async (user: string, teamId: string, weeks = 12): Promise<Read> => ({
    dyn: DynamicsResponse.parse(await b.json(user, `teams/${teamId}/dynamics?weeks=${weeks}`)),
    hz: HazardLedgerResponse.parse(await b.json(user, `teams/${teamId}/hazards?weeks=${weeks}`)),
    ps: PsychologicalSafetyResponse.parse(await b.json(user, `teams/${teamId}/psychological-safety?weeks=${weeks}`)),
    summary: TeamSummaryResponse.parse(await b.json(user, `teams/${teamId}/summary?weeks=${weeks}`)),
  });

  beforeAll(async () => {
    b = await boot();
    b.at(during('2026-W46'));
    // team-late and team-open: six people each, two weeks of history answered in their weeks.
    await b.team('team-late', 'Engineering', late);
    await b.team('team-open', 'Engineering', open);
    await b.team('team-four', 'Engineering', people('four', 6));
    for (const week of ['2026-W46', '2026-W47']) {
      b.at(during(week));
      for (const [i, p] of late.entries()) await b.answer('team-late', p, week, ordinary(i));
      for (const [i, p] of open.entries()) await b.answer('team-open', p, week, ordinary(i));
    }
    // This week's pulse, while it is open: exactly k = 5 answers on team-late, five then a sixth on team-open, four
    // on team-four (below k).
    b.at(during(THIS_WEEK));
    for (const [i, p] of late.slice(0, 5).entries()) await b.answer('team-late', p, THIS_WEEK, ordinary(i));
    for (const [i, p] of people('four', 6).slice(0, 4).entries())
      await b.answer('team-four', p, THIS_WEEK, ordinary(i));
    for (const [i, p] of open.slice(0, 5).entries()) await b.answer('team-open', p, THIS_WEEK, ordinary(i));
    openAt5 = await read('open-p0', 'team-open');
    // The sixth answer (all 7s, so it stands out from the others' 2..5), in the last millisecond of the window.
    openTruth = truthOf(b, 'team-open', 'open-p5', THIS_WEEK);
    b.at(new Date(PUBLISHED.getTime() - 1));
    await b.answer('team-open', 'open-p5', THIS_WEEK, () => 7);
    openAt6 = await read('open-p0', 'team-open');
    // The window closes: W48 is published, with what it has.
    b.at(PUBLISHED);
    openPublished = await read('open-p0', 'team-open');
    before = await read('late-p0', 'team-late');
    // The late answer (all 7s again): at the instant of the close, and a day after it.
    truth = truthOf(b, 'team-late', LATE, THIS_WEEK);
    lateAtClose = await b.attempt('team-late', LATE, THIS_WEEK, () => 7);
    b.at(NEXT_DAY);
    lateOutcome = await b.attempt('team-late', LATE, THIS_WEEK, () => 7);
    after = await read('late-p0', 'team-late');
  }, 60_000);
  afterAll(async () => b?.svc.stop());

  it('overlapping windows (weeks=4, 5, 12) give identical per-week cells: their difference holds nothing new', async () => {
    const views = ['dynamics', 'hazards', 'psychological-safety', 'meeting-load', 'summary'] as const;
    for (const view of views) {
      const byWindow = await Promise.all(
        [4, 5, 12].map(async (w) => b.json<Record<string, unknown>>('late-p0', `teams/team-late/${view}?weeks=${w}`)),
      );
      const perWeek = (body: Record<string, unknown>): Map<string, string> => {
        const m = new Map<string, string>();
        const collect = (prefix: string, arr: unknown) => {
          for (const x of (arr as Array<{ week: string }>) ?? []) m.set(`${prefix}${x.week}`, JSON.stringify(x));
        };
        if (view === 'dynamics') for (const d of (body as DynamicsResponse).dimensions) collect(`${d.key}@`, d.weeks);
        if (view === 'hazards') collect('', (body as HazardLedgerResponse).weeks);
        if (view === 'psychological-safety') {
          collect('check@', (body as PsychologicalSafetyResponse).checks);
          collect('pulse@', (body as PsychologicalSafetyResponse).pulse);
        }
        if (view === 'meeting-load') collect('', (body as TeamMeetingLoadResponse).weeks);
        if (view === 'summary') collect('', (body as TeamSummaryResponse).trend);
        return m;
      };
      const [w4, w5, w12] = byWindow.map(perWeek);
      for (const [key, value] of w4!) {
        expect(w5!.get(key), `${view} ${key} weeks=5`).toBe(value);
        expect(w12!.get(key), `${view} ${key} weeks=12`).toBe(value);
      }
      for (const [key, value] of w5!) expect(w12!.get(key), `${view} ${key}`).toBe(value);
      // Nothing released below k in any window.
      for (const body of byWindow) {
        const walk = (x: unknown): void => {
          if (Array.isArray(x)) x.forEach(walk);
          else if (x && typeof x === 'object') {
            const o = x as Record<string, unknown>;
            if (o.suppressed === false) expect(o.n as number, view).toBeGreaterThanOrEqual(K);
            Object.values(o).forEach(walk);
          }
        };
        walk(body);
      }
    }
  });

  it('refuses unknown filters and parameters on every team endpoint (400), never ignores them', async () => {
    const queries = [
      'item=psych-safety-1',
      'category=workload-pace',
      'filter=tenure:new',
      'from=2026-W47&to=2026-W48',
      'week=2026-W48',
      'k=3',
      'respondent=late-p5',
      'weeks=4&team=org-c',
      'weeks=4&weeks=5',
      'weeks=0',
      'weeks=1.5',
    ];
    for (const view of [
      'summary',
      'dynamics',
      'hazards',
      'psychological-safety',
      'actions',
      'meeting-load',
      'comments',
    ]) {
      for (const q of queries) {
        const res = await b.get('late-p0', `teams/team-late/${view}?${q}`);
        expect(res.status, `${view}?${q}`).toBe(400);
        expect(await res.text(), `${view}?${q}`).not.toContain('"suppressed":false');
      }
    }
  });

  it('the late answer is refused once the week is shown ("week-closed") and nothing of it is stored', async () => {
    // At the very instant the week became visible, and a day later.
    expect(lateAtClose).toEqual({ status: 'rejected', problems: [{ code: 'week-closed' }] });
    expect(lateOutcome).toEqual({ status: 'rejected', problems: [{ code: 'week-closed' }] });
    expect((await b.svc.store.responses.listByPulse(TENANT, 'team-late', THIS_WEEK)).length).toBe(5);
    expect((await b.svc.store.rollups.get({ tenantId: TENANT, teamId: 'team-late', id: THIS_WEEK }))?.respondents).toBe(
      5,
    );
    // The refused person can still answer the week that is open now.
    expect((await b.attempt('team-late', LATE, '2026-W49', () => 7)).status).toBe('accepted');
    expect(truth.cells.size).toBeGreaterThan(3);
  });

  /**
   * Attack 3 (closed). Formerly a week's aggregates were released live and changed in place when a late answer
   * arrived: the same cell at n = 5 and then n = 6, each with an exact mean and, for the Edmondson check, exact
   * per-item histograms, so 6·mean₆ − 5·mean₅ (and the histogram difference) gave the late person's answers. Now a
   * week is shown only after its pulse window has closed, and an answer after that is refused: every read of W48
   * is the same.
   */
  it('two reads around one late answer do not reveal that answer: the shown week is final (n = k, then still k)', () => {
    const b5 = releasedCells(before.dyn, before.hz, before.ps);
    const a6 = releasedCells(after.dyn, after.hz, after.ps);
    // The attacker does have W48 to look at, at n = k …
    expect(b5.get(`edmondson@${THIS_WEEK}`)?.n).toBe(K);
    expect([...b5.keys()].filter((key) => key.endsWith(`@${THIS_WEEK}`)).length).toBeGreaterThan(3);
    expect(a6.get(`edmondson@${THIS_WEEK}`)?.n).toBe(K);
    // … but the attacker's arithmetic finds nothing, because the second read is byte for byte the first.
    expect(revealedBy(before, after, truth)).toEqual([]);
    for (const part of ['dyn', 'hz', 'ps', 'summary'] as const)
      expect(JSON.stringify(after[part]), part).toBe(JSON.stringify(before[part]));
  });

  it('while a week is open it is not shown at all: reads at n = 5 and n = 6 hold nothing of it to difference', () => {
    for (const [label, r] of [
      ['n = 5', openAt5],
      ['n = 6', openAt6],
    ] as const) {
      const cells = releasedCells(r.dyn, r.hz, r.ps);
      expect(
        [...cells.keys()].filter((key) => key.endsWith(`@${THIS_WEEK}`)),
        label,
      ).toEqual([]);
      expect(weeksShown(r), label).not.toContain(THIS_WEEK);
      // The dashboard is not empty: last week (closed) is there, identical in both reads.
      const lastWeek = [...cells.entries()].filter(([key]) => key.endsWith('@2026-W47'));
      expect(lastWeek.length, label).toBeGreaterThan(0);
      expect(
        lastWeek.every(([, c]) => c.n === 6),
        label,
      ).toBe(true);
    }
    for (const part of ['dyn', 'hz', 'ps', 'summary'] as const)
      expect(JSON.stringify(openAt6[part]), part).toBe(JSON.stringify(openAt5[part]));
    expect(revealedBy(openAt5, openAt6, openTruth)).toEqual([]);
    // Once closed, W48 appears with all six answers: the only W48 figures anyone is ever shown.
    const published = releasedCells(openPublished.dyn, openPublished.hz, openPublished.ps);
    expect(published.get(`edmondson@${THIS_WEEK}`)?.n).toBe(6);
    for (const earlier of [openAt5, openAt6]) expect(revealedBy(earlier, openPublished, openTruth)).toEqual([]);
  });

  it('a member leaving between two reads changes no released number (only the roster count)', async () => {
    const first = await read('late-p0', 'team-late');
    await b.svc.store.members.delete({ tenantId: TENANT, teamId: 'team-late', id: 'late-p4' });
    const second = await read('late-p0', 'team-late');
    expect(second.dyn.team.memberCount).toBe(first.dyn.team.memberCount - 1);
    expect(JSON.stringify(second.dyn.dimensions)).toBe(JSON.stringify(first.dyn.dimensions));
    expect(JSON.stringify(second.hz.weeks)).toBe(JSON.stringify(first.hz.weeks));
    expect(JSON.stringify(second.ps.checks)).toBe(JSON.stringify(first.ps.checks));
    // The one who left can no longer read the dashboard either.
    expect((await b.get('late-p4', 'teams/team-late/dynamics')).status).toBe(403);
  });

  it('below k, a week is suppressed in every view, with no count that a later read could be subtracted from', async () => {
    const r = await read('four-p0', 'team-four');
    expect(weeksShown(r)).toContain(THIS_WEEK); // published, and suppressed
    const text = JSON.stringify(r);
    expect(text).not.toContain('"suppressed":false');
    expect(text).not.toMatch(/"mean":|histogram|"n":/);
    expect(r.summary.index.available).toBe(false);
    // The fifth answer comes too late to lift it over k (which would otherwise release it at n = 5 later).
    expect((await b.attempt('team-four', 'four-p4', THIS_WEEK, ordinary(4))).status).toBe('rejected');
    expect(JSON.stringify(await read('four-p0', 'team-four'))).toBe(text);
  });

  it('exports (CSV) nothing the dashboard API did not return', async () => {
    for (const team of ['team-late', 'team-four']) {
      const user = team === 'team-late' ? 'late-p0' : 'four-p0';
      const r = await read(user, team);
      const ml = TeamMeetingLoadResponse.parse(await b.json(user, `teams/${team}/meeting-load`));
      expectCsvWithinApi(`${team} dynamics`, csv.dynamicsCsv(r.dyn), r.dyn, K);
      expectCsvWithinApi(`${team} hazards`, csv.hazardCsv(r.hz), r.hz, K);
      expectCsvWithinApi(`${team} safety`, csv.safetyCsv(r.ps), r.ps, K);
      expectCsvWithinApi(`${team} overview`, csv.overviewCsv(r.summary), r.summary, K);
      expectCsvWithinApi(`${team} meeting load`, csv.meetingLoadCsv(ml), ml, K);
    }
  });
});

describe('differencing attacks on comments', () => {
  let b: Booted;
  beforeAll(async () => {
    b = await boot();
    // Roster of 12 (threshold max(10, k) = 10). W46: 9 answer with comments; W47: 10 answer (an 11th tries after the
    // close); W48, while open: 10 answer, then an 11th.
    b.at(during('2026-W46'));
    await b.team('team-talk', undefined, people('talk', 12));
    await b.team('team-nine', undefined, people('nine', 9));
    for (const [i, p] of people('talk', 12).slice(0, 9).entries())
      await b.answer('team-talk', p, '2026-W46', ordinary(i), `W46 remark ${String.fromCharCode(65 + ((i * 7) % 26))}`);
    b.at(during('2026-W47'));
    for (const [i, p] of people('talk', 12).slice(0, 10).entries())
      await b.answer(
        'team-talk',
        p,
        '2026-W47',
        ordinary(i),
        `W47 remark ${String.fromCharCode(90 - ((i * 5) % 26))}${i}`,
      );
    // Roster of 9: comments are not even stored, whatever happens to the roster or the response count later.
    for (const [i, p] of people('nine', 9).entries())
      await b.answer('team-nine', p, '2026-W47', ordinary(i), `secret from nine-${i}`);
    // Reads start in W48: W47 is closed and shown, W48 is open.
    b.at(during(THIS_WEEK));
  }, 60_000);
  afterAll(async () => b?.svc.stop());

  const comments = async (team: string, user: string) =>
    CommentsResponse.parse(await b.json(user, `teams/${team}/comments?weeks=4`));

  it('shows none for a week with fewer than 10 respondents, none for a roster below 10, and no metadata or order', async () => {
    const body = await comments('team-talk', 'talk-p0');
    expect(body.threshold).toBe(10);
    const w46 = body.weeks.find((w) => w.week === '2026-W46')!;
    expect(w46.result).toMatchObject({ suppressed: true, k: 10 });
    expect(JSON.stringify(w46)).not.toContain('remark');
    const w47 = body.weeks.find((w) => w.week === '2026-W47')!;
    expect(w47.result.suppressed).toBe(false);
    if (!w47.result.suppressed) {
      const list = w47.result.value.comments;
      expect(list).toHaveLength(10);
      // Alphabetical, not arrival order (people answered p0..p9 in that order): order cannot point to a person.
      expect(list).toEqual([...list].sort((a, b) => a.localeCompare(b)));
      // Bare strings: no key, time, id or pseudonym next to a comment.
      expect(list.every((c) => typeof c === 'string')).toBe(true);
    }
    expect(JSON.stringify(body)).not.toMatch(/talk-p\d|respondentKey|createdAt|answeredAt/);

    const nine = await comments('team-nine', 'nine-p0');
    expect(JSON.stringify(nine)).not.toContain('secret');
    const stored = await b.svc.store.responses.listByTeam(TENANT, 'team-nine');
    expect(stored.every((r) => r.comment === undefined)).toBe(true);
  });

  const listOf = (r: CommentsResponse, week: string): readonly string[] | undefined => {
    const w = r.weeks.find((x) => x.week === week);
    return w && !w.result.suppressed ? w.result.value.comments : undefined;
  };

  /**
   * Attack 4 (closed; same mechanism as attack 3). Formerly, once a week had 10 respondents its comments were listed
   * and an 11th answer arriving later added exactly one string: the set difference between two reads was the late
   * person's comment, word for word. Now W47 is listed only after its pulse closed, and the 11th answer is refused.
   */
  it('an 11th, late comment cannot be told apart by comparing two reads: it is refused once the list is shown', async () => {
    const first = await comments('team-talk', 'talk-p0');
    expect(listOf(first, '2026-W47')).toHaveLength(10);
    const outcome = await b.attempt(
      'team-talk',
      'talk-p10',
      '2026-W47',
      ordinary(10),
      'Late remark nobody should trace',
    );
    const second = await comments('team-talk', 'talk-p0');
    // The attacker's set difference between the two reads:
    expect((listOf(second, '2026-W47') ?? []).filter((c) => !listOf(first, '2026-W47')!.includes(c))).toEqual([]);
    expect(outcome).toEqual({ status: 'rejected', problems: [{ code: 'week-closed' }] });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(second)).not.toContain('Late remark');
    expect((await b.svc.store.responses.listByPulse(TENANT, 'team-talk', '2026-W47')).length).toBe(10);
  });

  it('while a week is open its comments are not listed at all: reads at 10 and 11 respondents are identical', async () => {
    const talk = people('talk', 12);
    for (const [i, p] of talk.slice(0, 10).entries())
      await b.answer('team-talk', p, THIS_WEEK, ordinary(i), `W48 note ${String.fromCharCode(75 + i)}`);
    const atTen = await comments('team-talk', 'talk-p0');
    await b.answer('team-talk', 'talk-p10', THIS_WEEK, ordinary(10), 'Eleventh remark nobody should trace');
    const atEleven = await comments('team-talk', 'talk-p0');
    for (const r of [atTen, atEleven]) {
      expect(r.weeks.map((w) => w.week)).not.toContain(THIS_WEEK);
      expect(JSON.stringify(r)).not.toMatch(/W48 note|Eleventh/);
      expect(listOf(r, '2026-W47')).toHaveLength(10); // the closed week is there
    }
    expect(JSON.stringify(atEleven)).toBe(JSON.stringify(atTen));
    // After the close W48 is listed once, with all eleven — the only W48 list anyone sees; a 12th is refused.
    b.at(PUBLISHED);
    const published = await comments('team-talk', 'talk-p0');
    expect(listOf(published, THIS_WEEK)).toHaveLength(11);
    expect(listOf(published, THIS_WEEK)).toContain('Eleventh remark nobody should trace');
    b.at(NEXT_DAY);
    expect(await b.attempt('team-talk', 'talk-p11', THIS_WEEK, ordinary(11), 'Twelfth remark')).toEqual({
      status: 'rejected',
      problems: [{ code: 'week-closed' }],
    });
    expect(JSON.stringify(await comments('team-talk', 'talk-p0'))).toBe(JSON.stringify(published));
  });
});

describe('differencing attacks on shared meeting load', () => {
  let b: Booted;
  const sharers = people('load', 7);
  const hours = [10, 12, 14, 16, 18, 31.5, 9]; // load-p5 shares 31.5 h — the one the attacker is after
  const figures = (i: number) => ({ ...sampleShareable(), meetingHours: hours[i]!, focusHours: 20 - i });
  const readLoad = async () =>
    TeamMeetingLoadResponse.parse(await b.json('load-p0', 'teams/team-load/meeting-load?weeks=4'));
  const resultOf = (r: TeamMeetingLoadResponse, week: string) => r.weeks.find((w) => w.week === week)?.result;
  /** Reads while W47 is being shared (4, 5 and 6 sharers), once it closed, and a few days later. */
  let atFour: TeamMeetingLoadResponse;
  let atFive: TeamMeetingLoadResponse;
  let atSix: TeamMeetingLoadResponse;
  let published: TeamMeetingLoadResponse;
  let publishedLater: TeamMeetingLoadResponse;
  let reshare: Response;
  let lateShare: Response;

  beforeAll(async () => {
    b = await boot();
    // W46 is shared during W47 by four people (below k); W47 during W48 by four, five, six — each read in between.
    b.at(during('2026-W47'));
    await b.team('team-load', 'Engineering', sharers);
    for (let i = 0; i < 4; i++)
      expect((await b.share(sharers[i]!, 'team-load', '2026-W46', figures(i))).status).toBe(201);
    b.at(during(THIS_WEEK));
    for (let i = 0; i < 4; i++)
      expect((await b.share(sharers[i]!, 'team-load', '2026-W47', figures(i))).status).toBe(201);
    atFour = await readLoad();
    expect((await b.share(sharers[4]!, 'team-load', '2026-W47', figures(4))).status).toBe(201);
    atFive = await readLoad();
    expect((await b.share(sharers[5]!, 'team-load', '2026-W47', figures(5))).status).toBe(201);
    atSix = await readLoad();
    // Sharing again (different figures) while the window is open: nothing changes.
    reshare = await b.share(sharers[5]!, 'team-load', '2026-W47', { ...figures(5), meetingHours: 60 });
    // W47's sharing closes: its figures are published; a seventh share at that instant is refused.
    b.at(PUBLISHED);
    lateShare = await b.share(sharers[6]!, 'team-load', '2026-W47', figures(6));
    published = await readLoad();
    b.at(new Date('2026-12-03T12:00:00Z'));
    publishedLater = await readLoad();
  }, 60_000);
  afterAll(async () => b?.svc.stop());

  it('is k-gated: a published week with 4 sharers shows no figure and no count, in every read', () => {
    for (const r of [atFour, atFive, atSix, published, publishedLater]) {
      expect(resultOf(r, '2026-W46')).toMatchObject({ suppressed: true, reason: 'below-k' });
      expect(JSON.stringify(resultOf(r, '2026-W46'))).not.toMatch(/"n":|meetingHours/);
    }
    expect(JSON.stringify(atSix.weeks)).not.toMatch(/"n":|meetingHours/);
    expect(resultOf(published, '2026-W47')).toMatchObject({ suppressed: false, n: 6 });
  });

  it('a second share by the same person changes nothing (no way to probe one person by re-sharing)', async () => {
    expect(reshare.status).toBe(200);
    const w47 = resultOf(published, '2026-W47');
    expect(w47 && !w47.suppressed ? w47.value.meetingHours : undefined).toBeCloseTo(
      hours.slice(0, 6).reduce((s, h) => s + h, 0) / 6,
      1,
    );
    // There is no "unshare": nothing a person can toggle between two reads.
    const del = await fetch(`${b.svc.url}/api/v1/teams/team-load/meeting-load`, { method: 'DELETE' });
    expect(del.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a share outside its week’s window (400) and stores nothing: only last week, until Monday noon UTC', async () => {
    expect(lateShare.status).toBe(400);
    // Now (Thursday of W49): W48 is open; W47 (published), W46, this week and next week are not.
    for (const week of ['2026-W47', '2026-W46', '2026-W49', '2026-W50'])
      expect((await b.share(sharers[6]!, 'team-load', week, figures(6))).status, week).toBe(400);
    const docs = await b.svc.store.meetingLoad.listWeeks(TENANT, 'team-load', '2026-W40', '2026-W52');
    expect(docs.map((d) => [d.week, d.sharers])).toEqual([
      ['2026-W46', 4],
      ['2026-W47', 6],
    ]);
  });

  it('exports (CSV) nothing the meeting-load API did not return', () => {
    for (const r of [atFour, atFive, atSix, published, publishedLater])
      expectCsvWithinApi('meeting load', csv.meetingLoadCsv(r), r, K);
  });

  /**
   * Attack 5 (closed). Formerly a finished week stayed open to shares for eight weeks and its per-person averages
   * were served live with the exact sharer count: read at n = 5, read at n = 6, and 6·avg₆ − 5·avg₅ was the sixth
   * sharer's own figure. Now W47 is taken only during W48 and shown only after that: while it grows from 4 to 6 it
   * is not shown at all, and once shown it never changes (the seventh share is refused).
   */
  it('reading before and after one more person shares does not reveal that person’s figures (n = k → k + 1)', () => {
    const reads = [atFour, atFive, atSix, published, publishedLater];
    const revealed: string[] = [];
    for (const first of reads) {
      for (const second of reads) {
        const x = resultOf(first, '2026-W47');
        const y = resultOf(second, '2026-W47');
        if (!x || !y || x.suppressed || y.suppressed || y.n !== x.n + 1) continue;
        const derived = y.n * y.value.meetingHours - x.n * x.value.meetingHours;
        if (Math.abs(derived - hours[5]!) < 0.5)
          revealed.push(`meetingHours: derived ${derived.toFixed(2)}, shared ${hours[5]}`);
        const focus = y.n * y.value.focusHours - x.n * x.value.focusHours;
        if (Math.abs(focus - figures(5).focusHours) < 0.5)
          revealed.push(`focusHours: derived ${focus.toFixed(2)}, shared ${figures(5).focusHours}`);
      }
    }
    expect(revealed).toEqual([]);
    // Why: while W47 grew from 4 to 6 sharers it was not shown at all; once shown, it never changed.
    for (const r of [atFour, atFive, atSix]) expect(resultOf(r, '2026-W47')).toBeUndefined();
    expect(JSON.stringify(publishedLater)).toBe(JSON.stringify(published));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 6. The bot: the retro opening's meeting-load summary obeys the same gate.
// ---------------------------------------------------------------------------------------------------------------

async function seedLoad(
  store: Store,
  tenantId: string,
  teamId: string,
  sharersByWeek: Record<string, number>,
): Promise<void> {
  for (const [week, count] of Object.entries(sharersByWeek)) {
    const key = { tenantId, teamId, id: week };
    await store.meetingLoad.upsertWith(
      key,
      (): MeetingLoadDoc => ({ ...key, type: 'meeting-load', week, sharers: 0, metrics: {}, applied: [] }),
      (doc) => {
        let metrics = doc.metrics;
        for (let i = 0; i < count; i++)
          metrics = addToMeetingLoadMetrics(metrics, {
            week,
            metrics: { ...sampleShareable(), meetingHours: 10 + i * 3 },
          });
        return { ...doc, sharers: count, metrics, applied: Array.from({ length: count }, (_, i) => `s${i}`) };
      },
    );
  }
}

/** The bot's clock for the retro: W47's sharing has closed, so W44..W47 are the last four published share weeks. */
const BOT_NOW = new Date('2026-12-01T10:00:00Z');
const LOAD_WEEKS = ['2026-W44', '2026-W45', '2026-W46', '2026-W47'];

describe('differencing attacks on the bot (retro opening meeting-load summary)', () => {
  it('hides the figures when any of the four weeks had fewer than k sharers', async () => {
    const h = await harness();
    h.clock.now = BOT_NOW;
    try {
      await h.install();
      await seedLoad(h.store, HARNESS_TENANT, GROUP, { '2026-W44': 6, '2026-W45': 6, '2026-W46': 4, '2026-W47': 6 });
      const sent = await h.say('u1', 'retro start-stop-continue');
      const text = sent.map(cardText).join('\n');
      expect(text).toMatch(/Meeting load: Hidden to protect anonymity/);
      expect(text).not.toMatch(/Meeting hours \/ person|people sharing/);
    } finally {
      await h.close();
    }
  });

  it('shows them at k and above, with no more than the API would show', async () => {
    const h = await harness();
    h.clock.now = BOT_NOW;
    try {
      await h.install();
      await seedLoad(h.store, HARNESS_TENANT, GROUP, Object.fromEntries(LOAD_WEEKS.map((w) => [w, 5])));
      const text = (await h.say('u1', 'retro start-stop-continue')).map(cardText).join('\n');
      expect(text).toMatch(/Team meeting load \(last 4 weeks, 5 people sharing\)/);
    } finally {
      await h.close();
    }
  });

  it('leaves out the week still being shared: the card shows only figures that no longer change', async () => {
    const h = await harness();
    h.clock.now = BOT_NOW;
    try {
      await h.install();
      // W48 is being shared (until Monday noon of W50): its 9 sharers and their hours must not be in the summary.
      await seedLoad(h.store, HARNESS_TENANT, GROUP, {
        ...Object.fromEntries(LOAD_WEEKS.map((w) => [w, 5])),
        '2026-W48': 9,
      });
      const text = (await h.say('u1', 'retro start-stop-continue')).map(cardText).join('\n');
      expect(text).toMatch(/Team meeting load \(last 4 weeks, 5 people sharing\)/);
      // 5 sharers a week at 10, 13, 16, 19, 22 h: 16.0 h per person; with W48's 9 sharers it would be higher.
      expect(text).toMatch(/Meeting hours \/ person \/ week: 16\.0/);
    } finally {
      await h.close();
    }
  });

  /**
   * Attack 6 (closed). The tenant's k (PRIVACY_K, e.g. 10) is applied by the REST API (teamK(team, tenantK)); the bot
   * used to gate the retro card's meeting-load summary with `team.settings.kThreshold ?? 5`, so with PRIVACY_K = 10
   * and six sharers the dashboard suppressed the figures while the card in the team chat showed them. The bot now
   * gates with teamK(team, config.privacyK), over the last four published share weeks.
   */
  it('uses the tenant k (PRIVACY_K = 10): six sharers show no figures in the chat either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-diff-bot-'));
    const config = loadConfig({ SQLITE_FILE: join(dir, 'bot.sqlite'), LOG_LEVEL: 'silent', PRIVACY_K: '10' });
    const store = await openStore(config.store);
    try {
      const bot = new HumanDebtBot({
        store,
        pseudonyms: new Pseudonyms(config.pseudonymSecret),
        config,
        logger: pino({ level: 'silent' }),
        messenger: new FakeMessenger(),
        now: () => BOT_NOW,
      });
      const adapter = new RecordingAdapter();
      const conversation = {
        id: GROUP,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: HARNESS_TENANT,
        name: 'Platform team',
      };
      const base = (id: string, name: string) => ({
        channelId: 'msteams',
        serviceUrl: 'https://smba.example/',
        conversation,
        channelData: { tenant: { id: HARNESS_TENANT } },
        from: { id: `29:${id}`, name, aadObjectId: id },
        recipient: { id: 'bot-1', name: 'Human Debt' },
      });
      const run = async (activity: Record<string, unknown>) => {
        const n = adapter.sent.length;
        await adapter.processActivity(activity as never, (ctx) => bot.run(ctx));
        adapter.activeQueue.splice(0);
        return adapter.sent.slice(n);
      };
      await run({
        ...base('u1', 'Ada Lovelace'),
        type: 'conversationUpdate',
        id: 'i-1',
        membersAdded: [
          { id: 'bot-1', name: 'Human Debt' },
          ...MEMBERS.map((m) => ({ id: `29:${m.id}`, name: m.name, aadObjectId: m.id })),
        ],
      });
      await seedLoad(store, HARNESS_TENANT, GROUP, Object.fromEntries(LOAD_WEEKS.map((w) => [w, 6])));
      const sent = await run({
        ...base('u1', 'Ada Lovelace'),
        type: 'message',
        id: 'i-2',
        text: '<at>Human Debt</at> retro start-stop-continue',
        entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Human Debt' }, text: '<at>Human Debt</at>' }],
      });
      const text = sent.map(cardText).join('\n');
      expect(text).toMatch(/Retro|Opening/i); // the card was posted at all
      expect(text).toMatch(/Meeting load: Hidden to protect anonymity/); // the summary was there, and hidden
      expect(text).not.toMatch(/Meeting hours \/ person|people sharing/);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
