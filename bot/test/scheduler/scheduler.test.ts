import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Store, TeamDoc } from '@humandebt/core';
import { loadConfig } from '../../src/config';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { pulseWeekDue, runScheduledWork, startScheduler, type SchedulerDeps } from '../../src/scheduler/scheduler';
import { openStore } from '../../src/store/factory';
import { FakeMessenger } from '../teams/harness';

const TENANT = 't-sched';
let dir: string;
let storeA: Store;
let storeB: Store;
const pseudonyms = new Pseudonyms('x'.repeat(40));
const logger = pino({ level: 'silent' });
// Thursday 2026-11-26 10:00 UTC = 11:00 in Berlin.
const now = new Date('2026-11-26T10:00:00Z');

function team(id: string, patch: Partial<TeamDoc['settings']> = {}): TeamDoc {
  return {
    tenantId: TENANT,
    teamId: id,
    id,
    type: 'team',
    name: id,
    conversation: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/',
      conversationId: `conv-${id}`,
      conversationType: 'groupChat',
    },
    settings: {
      kThreshold: 5,
      timeZone: 'Europe/Berlin',
      workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      pulseCadence: 'weekly',
      ...patch,
    },
    createdAt: now.toISOString(),
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hd-sched-'));
  const config = loadConfig({ SQLITE_FILE: join(dir, 's.sqlite'), LOG_LEVEL: 'silent' });
  storeA = await openStore(config.store);
  // A second connection to the same file: a second service instance.
  storeB = await openStore(config.store);
  await storeA.teams.create(team('team-a'));
  await storeA.teams.create(team('team-off', { pulseCadence: 'off' }));
  for (const t of ['team-a', 'team-off'])
    for (const u of ['u1', 'u2', 'u3', 'u4', 'u5'])
      await storeA.members.create({
        tenantId: TENANT,
        teamId: t,
        id: u,
        type: 'member',
        displayName: u,
        role: u === 'u1' ? 'owner' : 'member',
        joinedAt: now.toISOString(),
      });
  await storeA.actions.create({
    tenantId: TENANT,
    teamId: 'team-a',
    id: 'due-today',
    type: 'action',
    title: 'Rota',
    ownerId: 'u2',
    ownerName: 'u2',
    due: '2026-11-26',
    status: 'open',
    createdAt: '',
  });
  await storeA.actions.create({
    tenantId: TENANT,
    teamId: 'team-a',
    id: 'overdue',
    type: 'action',
    title: 'Old',
    ownerId: 'u3',
    ownerName: 'u3',
    due: '2026-11-20',
    status: 'in-progress',
    createdAt: '',
  });
  await storeA.actions.create({
    tenantId: TENANT,
    teamId: 'team-a',
    id: 'finished',
    type: 'action',
    title: 'Done',
    ownerId: 'u4',
    ownerName: 'u4',
    due: '2026-11-20',
    status: 'done',
    createdAt: '',
  });
  await storeA.actions.create({
    tenantId: TENANT,
    teamId: 'team-a',
    id: 'later',
    type: 'action',
    title: 'Later',
    ownerId: 'u5',
    ownerName: 'u5',
    due: '2026-12-20',
    status: 'open',
    createdAt: '',
  });
});

afterEach(async () => {
  await storeA.close();
  await storeB.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = (store: Store, messenger: FakeMessenger, holder: string): SchedulerDeps => ({
  store,
  pseudonyms,
  messenger,
  logger,
  tenants: () => [TENANT],
  holder,
  now: () => now,
});

describe('scheduler', () => {
  it('knows when a pulse is due in the team’s time zone and cadence', () => {
    expect(pulseWeekDue(team('x'), now)).toBe('2026-W48');
    expect(pulseWeekDue(team('x', { pulseCadence: 'off' }), now)).toBeUndefined();
    expect(pulseWeekDue(team('x', { timeZone: 'America/Los_Angeles' }), now)).toBeUndefined(); // 02:00 there
    expect(pulseWeekDue(team('x'), new Date('2026-11-28T10:00:00Z'))).toBeUndefined(); // Saturday
  });

  it('two instances ticking at once send each pulse and each reminder exactly once', async () => {
    const m1 = new FakeMessenger();
    const m2 = new FakeMessenger();
    const [r1, r2] = await Promise.all([
      runScheduledWork(deps(storeA, m1, 'i1'), 'i1', now),
      runScheduledWork(deps(storeB, m2, 'i2'), 'i2', now),
    ]);
    const all = [...m1.toUsers, ...m2.toUsers];
    const pulses = all.filter((m) => JSON.stringify(m.message).includes('pulse-submit'));
    const reminders = all.filter((m) => JSON.stringify(m.message).includes('"reminder"'));
    expect(pulses.map((p) => p.userId).sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(reminders.map((p) => p.userId).sort()).toEqual(['u2', 'u3']);
    expect(r1.pulsesSent + r2.pulsesSent).toBe(5);
    expect(r1.remindersSent + r2.remindersSent).toBe(2);
    // Later ticks (after the lease expired) send nothing again.
    const m3 = new FakeMessenger();
    await runScheduledWork(deps(storeB, m3, 'i3'), 'i3', new Date(now.getTime() + 3_600_000));
    expect(m3.toUsers).toEqual([]);
  });

  it('a failed send is retried on the next tick, and only for whoever missed it', async () => {
    const flaky = new FakeMessenger();
    let failU3 = true;
    const original = flaky.toUser.bind(flaky);
    flaky.toUser = async (t, userId, message) => {
      if (userId === 'u3' && failU3) throw Object.assign(new Error('boom'), { statusCode: 502 });
      return original(t, userId, message);
    };
    await runScheduledWork(deps(storeA, flaky, 'i1'), 'i1', now);
    expect(flaky.toUsers.map((m) => m.userId).filter((u) => u === 'u3')).toEqual([]);
    failU3 = false;
    const before = flaky.toUsers.length;
    await runScheduledWork(deps(storeA, flaky, 'i1'), 'i1', new Date(now.getTime() + 60_000));
    expect(
      flaky.toUsers
        .slice(before)
        .map((m) => m.userId)
        .sort(),
    ).toEqual(['u3', 'u3']); // the pulse and the overdue reminder
  });

  it('startScheduler ticks without overlapping and stops cleanly', async () => {
    const m = new FakeMessenger();
    const s = startScheduler({ ...deps(storeA, m, 'loop'), intervalMs: 3_600_000 });
    const [a, b] = await Promise.all([s.tick(), s.tick()]);
    expect(a).toBe(b);
    await s.stop();
    expect(m.toUsers.length).toBe(7);
  });
});
