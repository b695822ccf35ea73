import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  planFor,
  submitPulseResponse,
  weekStart,
  type PulseSubmission,
  type Store,
} from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { startTestService } from '../support';
import { sampleShareable } from '../service/dashboard.fixtures';

const pseudonyms = new Pseudonyms('test-secret-for-team-scoped-keys-0123456789');
const TENANT = 'tenant-keys';
const WEEK = '2026-W49';

describe('respondent keys are scoped to the team', () => {
  it('gives one person in two teams unrelated keys for the same pulse, stable within a team', () => {
    const a = pseudonyms.teamRespondentKey(TENANT, 'team-a', WEEK, 'user-1');
    const b = pseudonyms.teamRespondentKey(TENANT, 'team-b', WEEK, 'user-1');
    expect(a).not.toBe(b);
    expect(pseudonyms.teamRespondentKey(TENANT, 'team-a', WEEK, 'user-1')).toBe(a);
    expect(pseudonyms.teamRespondentKey(TENANT, 'team-a', '2026-W50', 'user-1')).not.toBe(a);
    expect(pseudonyms.teamRespondentKey(TENANT, 'team-a', WEEK, 'user-2')).not.toBe(a);
    // Neither equals the key of the earlier scheme (no team), nor can a team id and scope be shifted into each other.
    expect(pseudonyms.earlierRespondentKeys(TENANT, WEEK, 'user-1')).not.toContain(a);
    expect(pseudonyms.teamRespondentKey(TENANT, 'team-a:2026', '-W49', 'user-1')).not.toBe(
      pseudonyms.teamRespondentKey(TENANT, 'team-a', ':2026-W49', 'user-1'),
    );
  });
});

describe('an answer stored under the earlier key, in a week still open', () => {
  let store: Store;
  beforeAll(() => {
    store = createStore(new SqliteBackend({ file: ':memory:' }));
  });
  afterAll(async () => store?.close());

  const submission = (teamId: string, userId: string, keys: 'earlier' | 'team'): PulseSubmission => {
    const personSeed = pseudonyms.rotationSeed(TENANT, teamId, userId);
    const items = planFor({ teamId, personSeed, week: WEEK }).items;
    return {
      tenantId: TENANT,
      teamId,
      week: WEEK,
      respondentKey:
        keys === 'earlier'
          ? pseudonyms.respondentKey(TENANT, WEEK, userId)
          : pseudonyms.teamRespondentKey(TENANT, teamId, WEEK, userId),
      ...(keys === 'team' ? { earlierRespondentKeys: pseudonyms.earlierRespondentKeys(TENANT, WEEK, userId) } : {}),
      personSeed,
      answers: Object.fromEntries(items.map((i) => [i.id, 5])),
      rosterSize: 8,
      now: new Date(weekStart(WEEK).getTime() + 2 * 86_400_000),
    };
  };

  it('makes a second answer of the same person a duplicate: nothing written, the first answer stands', async () => {
    expect((await submitPulseResponse(store, submission('team-a', 'user-1', 'earlier'))).status).toBe('accepted');
    const rollup = await store.rollups.get({ tenantId: TENANT, teamId: 'team-a', id: WEEK });
    expect(rollup?.respondents).toBe(1);

    expect((await submitPulseResponse(store, submission('team-a', 'user-1', 'team'))).status).toBe('duplicate');
    const after = await store.rollups.get({ tenantId: TENANT, teamId: 'team-a', id: WEEK });
    expect(after?.respondents).toBe(1);
    expect(after?._etag).toBe(rollup?._etag);
  });

  it('still takes the answers of people who had not answered, under the team-scoped key', async () => {
    const outcome = await submitPulseResponse(store, submission('team-a', 'user-2', 'team'));
    expect(outcome.status).toBe('accepted');
    const key = pseudonyms.teamRespondentKey(TENANT, 'team-a', WEEK, 'user-2');
    expect(outcome.status === 'accepted' && outcome.responseId).toBe(`${WEEK}:${key}`);
    expect((await store.rollups.get({ tenantId: TENANT, teamId: 'team-a', id: WEEK }))?.respondents).toBe(2);
  });
});

describe('meeting-load shares over the REST API (local mode, demo data)', () => {
  const SECRET = 'test-secret-for-team-scoped-shares-0123456789';
  const service = new Pseudonyms(SECRET);
  const NOW = new Date('2026-11-26T12:00:00Z'); // W48: last week, W47, is open for shares
  const WEEK_OPEN = '2026-W47';
  const TENANT_DEMO = 'demo-tenant';
  const USER = 'demo-manager';
  const scope = `meeting-load:${WEEK_OPEN}`;
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService({ PSEUDONYM_SECRET: SECRET }, { now: () => NOW });
  });
  afterAll(async () => svc?.stop());

  const share = (teamId: string) =>
    fetch(`${svc.url}/api/v1/teams/${teamId}/meeting-load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ week: WEEK_OPEN, metrics: sampleShareable() }),
    });
  const doc = (teamId: string) => svc.store.meetingLoad.get({ tenantId: TENANT_DEMO, teamId, id: WEEK_OPEN });

  it('counts a share already applied under the earlier key as a duplicate', async () => {
    const key = { tenantId: TENANT_DEMO, teamId: 'team-platform', id: WEEK_OPEN };
    const earlier = service.respondentKey(TENANT_DEMO, scope, USER);
    await svc.store.meetingLoad.upsertWith(
      key,
      () => ({ ...key, type: 'meeting-load', week: WEEK_OPEN, sharers: 0, metrics: {}, applied: [] }),
      (d) => ({ ...d, applied: [...(d.applied ?? []).filter((a) => a !== earlier), earlier] }),
    );
    const before = await doc('team-platform');
    const res = await share('team-platform');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('duplicate');
    expect((await doc('team-platform'))?.sharers).toBe(before?.sharers);
  });

  it('applies a new share under the team-scoped key, one per team', async () => {
    const res = await share('team-success');
    expect(res.status).toBe(201);
    const applied = (await doc('team-success'))?.applied ?? [];
    expect(applied).toContain(service.teamRespondentKey(TENANT_DEMO, 'team-success', scope, USER));
    expect(applied).not.toContain(service.respondentKey(TENANT_DEMO, scope, USER));
    expect(applied).not.toContain(service.teamRespondentKey(TENANT_DEMO, 'team-platform', scope, USER));
    expect((await share('team-success')).status).toBe(200);
  });
});
