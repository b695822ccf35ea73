import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommentsResponse, planFor, submitPulseResponse, weekStart } from '@humandebt/core';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { startTestService } from '../support';

// Tuesday of 2026-W49: the pulses of W47 and W48 have closed, so both weeks are published.
const NOW = new Date('2026-12-01T13:00:00Z');
const p = new Pseudonyms('comments-test-secret-0123456789abcdefgh');

describe('pulse comments', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService({}, { now: () => NOW });
    const team = 'team-big';
    await svc.store.teams.create({
      tenantId: 'demo-tenant',
      teamId: team,
      id: team,
      type: 'team',
      name: 'Big team',
      settings: {
        kThreshold: 5,
        timeZone: 'UTC',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt: NOW.toISOString(),
    });
    const people = ['demo-manager', ...Array.from({ length: 11 }, (_, i) => `u${i}`)];
    for (const id of people)
      await svc.store.members.create({
        tenantId: 'demo-tenant',
        teamId: team,
        id,
        type: 'member',
        displayName: id,
        role: id === 'demo-manager' ? 'owner' : 'member',
        joinedAt: NOW.toISOString(),
      });
    // Week 47: all twelve answer, with comments. Week 48: only six answer.
    for (const [week, count] of [
      ['2026-W47', 12],
      ['2026-W48', 6],
    ] as const) {
      for (const id of people.slice(0, count)) {
        const personSeed = p.rotationSeed('demo-tenant', team, id);
        const answers = Object.fromEntries(planFor({ teamId: team, personSeed, week }).items.map((i) => [i.id, 4]));
        const outcome = await submitPulseResponse(svc.store, {
          tenantId: 'demo-tenant',
          teamId: team,
          week,
          respondentKey: p.respondentKey('demo-tenant', week, id),
          personSeed,
          answers,
          comment: `Comment from ${week} #${people.indexOf(id)}`,
          rosterSize: people.length,
          now: new Date(weekStart(week).getTime() + 2 * 86_400_000),
        });
        expect(outcome.status).toBe('accepted');
      }
    }
  });
  afterAll(async () => svc?.stop());

  it('shows comments only for weeks with at least the comment threshold, sorted, without metadata', async () => {
    const body = CommentsResponse.parse(
      await (await fetch(`${svc.url}/api/v1/teams/team-big/comments?weeks=4`)).json(),
    );
    expect(body.threshold).toBe(10);
    const w47 = body.weeks.find((w) => w.week === '2026-W47')!;
    const w48 = body.weeks.find((w) => w.week === '2026-W48')!;
    expect(w47.result.suppressed).toBe(false);
    if (!w47.result.suppressed) {
      expect(w47.result.value.comments).toHaveLength(12);
      expect(w47.result.value.comments).toEqual([...w47.result.value.comments].sort((a, b) => a.localeCompare(b)));
    }
    expect(w48.result).toMatchObject({ suppressed: true, k: 10 });
    expect(JSON.stringify(w48)).not.toContain('Comment');
    expect(JSON.stringify(body)).not.toMatch(/respondentKey|demo-manager|"u\d/);
  });

  it('stores no comment at all for a team below the comment threshold', async () => {
    const responses = await svc.store.responses.listByTeam('demo-tenant', 'team-platform');
    expect(responses.length).toBeGreaterThan(50);
    expect(responses.every((r) => r.comment === undefined)).toBe(true);
  });
});
