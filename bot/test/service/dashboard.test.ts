import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionsResponse,
  AgreementsResponse,
  DynamicsResponse,
  ErrorResponse,
  HazardLedgerResponse,
  MeetingLoadShareResponse,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
  getItem,
  keyedScore,
  sampleShareable,
} from './dashboard.fixtures';
import { startTestService } from '../support';

// A fixed clock: the seed and the API agree on "this week", so the figures below are the same on every run.
const NOW = new Date('2026-11-26T12:00:00Z');

describe('team dashboard API (local mode, seeded demo data)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const get = (path: string) => fetch(`${svc.url}/api/v1/teams/${path}`);

  beforeAll(async () => {
    svc = await startTestService({}, { now: () => NOW });
    // Here the demo manager is only a team member: without the seeded org role (tested in org.test.ts).
    await svc.store.grants.delete({ tenantId: 'demo-tenant', teamId: '~tenant', id: 'demo-manager' });
    // A team of the same tenant the demo manager is not on, and a team of another tenant.
    await svc.store.teams.create({
      tenantId: 'demo-tenant',
      teamId: 'team-hr',
      id: 'team-hr',
      type: 'team',
      name: 'HR',
      settings: {
        kThreshold: 5,
        timeZone: 'UTC',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt: NOW.toISOString(),
    });
    await svc.store.teams.create({
      tenantId: 'other-tenant',
      teamId: 'team-x',
      id: 'team-x',
      type: 'team',
      name: 'X',
      settings: {
        kThreshold: 5,
        timeZone: 'UTC',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt: NOW.toISOString(),
    });
    await svc.store.members.create({
      tenantId: 'other-tenant',
      teamId: 'team-x',
      id: 'demo-manager',
      type: 'member',
      displayName: 'Same id, other tenant',
      role: 'owner',
      joinedAt: NOW.toISOString(),
    });
  });
  afterAll(async () => svc?.stop());

  it('serves every view for a team above k, valid against the shared contracts', async () => {
    const views: Array<[string, { parse(x: unknown): unknown }]> = [
      ['summary', TeamSummaryResponse],
      ['psychological-safety', PsychologicalSafetyResponse],
      ['dynamics', DynamicsResponse],
      ['hazards', HazardLedgerResponse],
      ['actions', ActionsResponse],
      ['meeting-load', TeamMeetingLoadResponse],
      ['agreements', AgreementsResponse],
    ];
    for (const [view, schema] of views) {
      const res = await get(`team-platform/${view}`);
      expect(res.status, view).toBe(200);
      expect(res.headers.get('cache-control'), view).toBe('private, no-store');
      schema.parse(await res.json());
    }
  });

  it('gives an index whose every point is traceable to its components, and a twelve-week trend', async () => {
    const summary = TeamSummaryResponse.parse(await (await get('team-platform/summary')).json());
    // Thursday of W48: W48 is still collecting answers, so the twelve weeks shown end with W47.
    expect(summary.range).toEqual({ fromWeek: '2026-W36', toWeek: '2026-W47' });
    expect(summary.index.available).toBe(true);
    if (!summary.index.available) return;
    const total = summary.index.components.reduce((s, c) => s + c.contribution, 0);
    expect(Math.abs(total - summary.index.index)).toBeLessThan(0.01);
    expect(summary.index.components.filter((c) => c.status === 'included').length).toBeGreaterThan(5);
    expect(summary.trend).toHaveLength(12);
    expect(summary.trend.filter((t) => t.index !== null).length).toBeGreaterThan(8);
    expect(summary.topHazard?.sentence).toMatch(/weighs most/);
    expect(summary.actions).toMatchObject({ total: 5, done: 2, inProgress: 1 });
    expect(summary.actions.overdue).toBeGreaterThanOrEqual(1);
    expect(summary.lastRetro?.themes.length).toBe(2);
    expect(summary.empty).toBe(false);
  });

  it('computes the same means from rollups as from the raw answers', async () => {
    const dyn = DynamicsResponse.parse(await (await get('team-platform/dynamics')).json());
    let compared = 0;
    for (const series of dyn.dimensions) {
      for (const point of series.weeks) {
        const result = point.result;
        if (result.suppressed) continue;
        const raw = await svc.store.responses.listByPulse('demo-tenant', 'team-platform', point.week);
        const keyed = raw.flatMap((r) =>
          Object.entries(r.answers)
            .filter(([id]) => getItem(id)?.instrument === 'pulse' && getItem(id)?.category === series.key)
            .map(([id, v]) => keyedScore(getItem(id)!, v)),
        );
        expect(result.n).toBe(keyed.length);
        expect(result.value.mean).toBeCloseTo(keyed.reduce((s, v) => s + v, 0) / keyed.length, 2);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('shows the psychological-safety check with agreement, and item distributions only when released', async () => {
    const ps = PsychologicalSafetyResponse.parse(await (await get('team-platform/psychological-safety')).json());
    expect(ps.items.map((i) => i.reverse)).toEqual([true, false, true, false, true, false, false]);
    expect(ps.checks.length).toBeGreaterThanOrEqual(3); // monthly full checks over twelve weeks
    const released = ps.checks.filter((c) => !c.result.suppressed);
    expect(released.length).toBeGreaterThan(0);
    for (const c of released) {
      const result = c.result;
      if (result.suppressed) continue;
      const n = result.n;
      expect(result.value.items).toHaveLength(7);
      expect(result.value.items.every((i) => i.histogram.reduce((s, v) => s + v, 0) === n)).toBe(true);
      expect(result.value.agreementSentence.length).toBeGreaterThan(10);
    }
  });

  it('judges actions by proof of action, with the interval and one sentence', async () => {
    const { actions } = ActionsResponse.parse(await (await get('team-platform/actions')).json());
    const focus = actions.find((a) => a.title.includes('focus day'))!;
    expect(focus.proof?.state).toBe('improved');
    if (focus.proof && focus.proof.state !== 'not-enough-evidence') {
      expect(focus.proof.effect.upper).toBeLessThan(0); // workload (a hazard) went down: lower is better
      expect(focus.proof.explanation).toMatch(/^Compared .* weeks before .* with .* weeks after/);
    }
    const notStarted = actions.find((a) => a.startedAt === null)!;
    expect(notStarted.proof).toBeNull();
    expect(actions.some((a) => a.overdue)).toBe(true);
  });

  it('suppresses everything of the team below k: no number, no histogram, no trend point', async () => {
    for (const view of ['summary', 'psychological-safety', 'dynamics', 'hazards', 'actions', 'meeting-load']) {
      const body = await (await get(`team-design/${view}`)).json();
      const text = JSON.stringify(body);
      expect(text, view).not.toContain('"suppressed":false');
      expect(text, view).not.toContain('histogram');
      expect(text, view).not.toMatch(/"mean":/);
    }
    const summary = TeamSummaryResponse.parse(await (await get('team-design/summary')).json());
    expect(summary.index).toMatchObject({ available: false, reason: 'suppressed' });
    expect(summary.trend.every((t) => t.index === null)).toBe(true);
    const hz = HazardLedgerResponse.parse(await (await get('team-design/hazards')).json());
    expect(hz.hazards.find((h) => h.key === 'workload-pace')).toMatchObject({
      label: 'Workload and pace',
      iso45003: 'How work is organised',
    });
    const measured = hz.weeks.flatMap((w) => Object.values(w.cells)).filter((c) => c.status === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    expect(
      measured.every(
        (c) => c.status === 'measured' && c.result.suppressed && c.result.message.includes('at least 5 people'),
      ),
    ).toBe(true);
  });

  it('refuses a team the caller is not on (403) and hides another tenant’s team (404)', async () => {
    for (const view of ['summary', 'actions', 'agreements']) {
      const forbidden = await get(`team-hr/${view}`);
      expect(forbidden.status).toBe(403);
      expect(ErrorResponse.parse(await forbidden.json()).error.code).toBe('forbidden');
      const hidden = await get(`team-x/${view}`);
      expect(hidden.status).toBe(404);
      expect(JSON.stringify(await hidden.json())).not.toContain('X');
    }
    expect(
      (
        await fetch(`${svc.url}/api/v1/teams/team-x/meeting-load`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ week: '2026-W47', metrics: sampleShareable() }),
        })
      ).status,
    ).toBe(404);
  });

  it('validates query strings and ids', async () => {
    for (const [path, status] of [
      ['team-platform/summary?weeks=abc', 400],
      ['team-platform/summary?weeks=0', 400],
      ['team-platform/summary?weeks=500', 400],
      ['team-platform/summary?weeks=4&debug=1', 400],
      ['team%20platform/summary', 400],
      ['team-platform/summary?weeks=4', 200],
    ] as const) {
      expect((await get(path)).status, path).toBe(status);
    }
  });

  it('takes one opt-in weekly share per person: numbers only; a second share or bad input changes nothing', async () => {
    const post = (body: unknown) =>
      fetch(`${svc.url}/api/v1/teams/team-platform/meeting-load`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const key = { tenantId: 'demo-tenant', teamId: 'team-platform', id: '2026-W47' };
    const before = await svc.store.meetingLoad.get(key);

    const first = await post({ week: '2026-W47', metrics: sampleShareable() });
    expect(first.status).toBe(201);
    expect(MeetingLoadShareResponse.parse(await first.json()).status).toBe('accepted');
    const after = await svc.store.meetingLoad.get(key);
    expect(after!.sharers).toBe(before!.sharers + 1);
    expect(after!.metrics.meetingHours!.sum).toBeCloseTo(before!.metrics.meetingHours!.sum + 12.5, 6);

    const again = await post({ week: '2026-W47', metrics: { ...sampleShareable(), meetingHours: 40 } });
    expect(again.status).toBe(200);
    expect(MeetingLoadShareResponse.parse(await again.json()).status).toBe('duplicate');

    for (const bad of [
      { week: '2026-W47', metrics: { ...sampleShareable(), title: 'Secret project sync' } },
      { week: '2026-W47', metrics: { ...sampleShareable(), meetingHours: -1 } },
      { week: '2026-W47', metrics: { ...sampleShareable(), meetingHours: 'many' } },
      { week: '2026-W48', metrics: sampleShareable() }, // the current week is not finished
      { week: '2025-W01', metrics: sampleShareable() },
      { week: '2026-W47' },
      'not an object',
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await svc.store.meetingLoad.get(key)).toEqual(after);
  });
});

describe('the tenant privacy threshold (PRIVACY_K)', () => {
  it('raises k for every team: at k = 10 a team of 9 shows no number anywhere', async () => {
    const svc = await startTestService({ PRIVACY_K: '10' }, { now: () => NOW });
    try {
      const teams = (await (await fetch(`${svc.url}/api/v1/teams`)).json()) as {
        teams: Array<{ teamId: string; kThreshold: number; belowThreshold: boolean }>;
      };
      expect(teams.teams.find((t) => t.teamId === 'team-platform')).toMatchObject({
        kThreshold: 10,
        belowThreshold: true,
      });
      for (const view of ['summary', 'dynamics', 'hazards', 'psychological-safety', 'meeting-load']) {
        const text = await (await fetch(`${svc.url}/api/v1/teams/team-platform/${view}`)).text();
        expect(text, view).not.toContain('"suppressed":false');
      }
    } finally {
      await svc.stop();
    }
  });
});
