import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorResponse,
  HealthResponse,
  MeResponse,
  TeamsListResponse,
  addWeeks,
  isoWeekOf,
  lastPublishedPulseWeek,
} from '@humandebt/core';
import { DEMO_WEEKS } from '../../src/seed/demo-data';
import { activity, startTestService } from '../support';

describe('the service in local mode (SQLite, seeded demo data)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc?.stop());

  it('reports health without a token', async () => {
    const res = await fetch(`${svc.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(HealthResponse.parse(await res.json())).toMatchObject({
      status: 'ok',
      mode: 'local',
      store: { kind: 'sqlite', ok: true },
    });
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('answers as the development identity', async () => {
    const me = MeResponse.parse(await (await fetch(`${svc.url}/api/v1/me`)).json());
    expect(me).toEqual({
      userId: 'demo-manager',
      displayName: 'Morgan Demo (local)',
      tenantId: 'demo-tenant',
      mode: 'local',
    });
  });

  it("lists the caller's teams from the roster, flagging the team below the privacy threshold", async () => {
    const res = await fetch(`${svc.url}/api/v1/teams`);
    const { teams } = TeamsListResponse.parse(await res.json());
    expect(teams.map((t) => [t.name, t.role, t.memberCount, t.belowThreshold])).toEqual([
      ['Customer Success', 'owner', 7, false],
      ['Design Studio', 'member', 3, true],
      ['Platform Engineering', 'owner', 9, false],
    ]);
  });

  it('keeps the seeded history: twelve weeks of meeting load, closed retros with actions, agreements', async () => {
    // DEMO_WEEKS published weeks plus the weeks still collecting (this one, and last week before Monday noon UTC).
    const now = new Date();
    let seeded = 0;
    for (let w = addWeeks(lastPublishedPulseWeek(now), -(DEMO_WEEKS - 1)); w <= isoWeekOf(now); w = addWeeks(w, 1))
      seeded++;
    const weeks = await svc.store.meetingLoad.listByTeam('demo-tenant', 'team-platform');
    expect(weeks).toHaveLength(seeded - 1); // only finished weeks are shared
    expect(weeks.every((w) => w.sharers === 7 && w.metrics.meetingHours!.n === 7 && w.applied!.length === 7)).toBe(
      true,
    );
    const rollups = await svc.store.rollups.listByTeam('demo-tenant', 'team-platform');
    expect(rollups.length).toBe(seeded);
    expect(rollups.every((r) => r.respondents >= 5)).toBe(true); // pulse answers went through the pulse path
    const retros = await svc.store.retros.listByTeam('demo-tenant', 'team-platform');
    expect(retros.length).toBeGreaterThanOrEqual(3);
    expect(retros.every((r) => r.phase === 'closed' && r.cards.every((c) => !('authorId' in c)))).toBe(true);
    const actions = await svc.store.actions.listByTeam('demo-tenant', 'team-platform');
    expect(actions.some((a) => a.status === 'done')).toBe(true);
    expect(actions.some((a) => a.status === 'open' && a.due < new Date().toISOString().slice(0, 10))).toBe(true);
    expect((await svc.store.agreements.listByTeam('demo-tenant', 'team-platform')).length).toBe(3);
  });

  it('answers "help" (and a mention of the bot) with the help card', async () => {
    for (const text of ['help', '<at>Human Debt</at> help']) {
      const body = activity(
        text,
        text.startsWith('<at>')
          ? {
              entities: [
                { type: 'mention', mentioned: { id: 'bot-1', name: 'Human Debt' }, text: '<at>Human Debt</at>' },
              ],
            }
          : {},
      );
      const res = await fetch(`${svc.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      const { activities } = (await res.json()) as {
        activities: Array<{
          text?: string;
          attachments: Array<{ contentType: string; content: { version: string; body: Array<{ text?: string }> } }>;
        }>;
      };
      expect(activities).toHaveLength(1);
      expect(activities[0]!.text).toBeUndefined();
      const card = activities[0]!.attachments[0]!;
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content.version).toBe('1.5');
      expect(JSON.stringify(card.content)).toContain('Pulse answers are anonymous');
    }
  });

  it('answers anything it does not understand with help, never silence', async () => {
    const res = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity('what is the weather')),
    });
    const { activities } = (await res.json()) as { activities: Array<{ text?: string; attachments: unknown[] }> };
    expect(activities[0]!.text).toMatch(/did not understand/);
    expect(activities[0]!.attachments).toHaveLength(1);
  });

  it('welcomes a team when the bot is added, with the privacy promise', async () => {
    const body = activity('', {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot-1' }],
      conversation: { id: 'conv-team', conversationType: 'channel', tenantId: 'demo-tenant' },
    });
    const res = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const { activities } = (await res.json()) as { activities: Array<{ attachments: Array<{ content: unknown }> }> };
    expect(JSON.stringify(activities[0]!.attachments[0]!.content)).toContain('Welcome to Human Debt');
  });

  it('refuses bad JSON, oversized bodies and unknown routes with catalogue errors and no internals', async () => {
    const bad = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(bad.status).toBe(400);
    const badBody = ErrorResponse.parse(await bad.json());
    expect(badBody.error.message).toBe('The request is not valid.');
    expect(JSON.stringify(badBody)).not.toMatch(/Unexpected|SyntaxError|at .*\.js/);

    const big = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(300_000) }),
    });
    expect(big.status).toBe(413);

    for (const path of ['/api/v1/nope', '/nope']) {
      const res = await fetch(`${svc.url}${path}`);
      expect(res.status).toBe(404);
      expect(ErrorResponse.parse(await res.json()).error.code).toBe('not_found');
    }
  });

  it('serves the landing page with links to every surface and security headers', async () => {
    const res = await fetch(`${svc.url}/`);
    const html = await res.text();
    expect(html).toContain('href="/tab/"');
    expect(html).toContain('href="/addin/taskpane.html"');
    expect(html).toContain('npm run playground');
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('restart keeps the data; the seed runs once', () => {
  it('does not seed twice and keeps changes across a restart on the same file', async () => {
    const first = await startTestService();
    const file = first.config.store.kind === 'sqlite' ? first.config.store.file : '';
    await first.store.teams.update({ tenantId: 'demo-tenant', teamId: 'team-design', id: 'team-design' }, (t) => ({
      ...t,
      name: 'Design Studio (renamed)',
    }));
    await first.close();
    const second = await startTestService({ SQLITE_FILE: file });
    const teams = await second.store.teams.listByTenant('demo-tenant');
    expect(teams.map((t) => t.name)).toContain('Design Studio (renamed)');
    expect(teams).toHaveLength(3);
    await second.close();
    const third = await startTestService({ SQLITE_FILE: file }, { reseed: true });
    expect((await third.store.teams.listByTenant('demo-tenant')).map((t) => t.name)).toContain('Design Studio');
    await third.stop();
    await first.stop();
  });
});
