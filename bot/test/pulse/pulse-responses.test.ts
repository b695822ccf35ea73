import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATEGORY_KEYS,
  EDMONDSON_ITEMS,
  EDMONDSON_RESPONDENT_MEAN,
  createStore,
  planFor,
  weekStart,
  submitPulseResponse,
  rebuildRollup,
  type PulseSubmission,
  type Store,
} from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';
import { CosmosBackend } from '../../src/store/cosmos.store';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { startCosmosServer, type CosmosTestServer } from '../../../test/support/cosmos-server';

const pseudonyms = new Pseudonyms('test-secret-for-pulse-responses-0123456789');
const TENANT = 'tenant-pulse';
const TEAM = 'team-pulse';
const EDMONDSON_WEEK = '2026-W48'; // the full check runs every 4th week; this is one of them
const WEEKLY_WEEK = '2026-W49';

function submission(
  userId: string,
  week: string,
  answer: (itemId: string) => unknown = () => 5,
  extra: Partial<PulseSubmission> = {},
): PulseSubmission {
  const personSeed = pseudonyms.rotationSeed(TENANT, TEAM, userId);
  const items = planFor({ teamId: TEAM, personSeed, week }).items;
  return {
    tenantId: TENANT,
    teamId: TEAM,
    week,
    respondentKey: pseudonyms.respondentKey(TENANT, week, userId),
    personSeed,
    answers: Object.fromEntries(items.map((i) => [i.id, answer(i.id)])),
    rosterSize: 8,
    now: new Date(weekStart(week).getTime() + 2 * 86_400_000),
    ...extra,
  };
}

for (const adapter of ['sqlite', 'cosmos'] as const) {
  describe(`anonymous pulse responses (${adapter})`, () => {
    let store: Store;
    let cosmos: CosmosTestServer | undefined;
    beforeAll(async () => {
      if (adapter === 'sqlite') store = createStore(new SqliteBackend({ file: ':memory:' }));
      else {
        cosmos = await startCosmosServer();
        store = createStore(
          await CosmosBackend.open({
            endpoint: cosmos.endpoint,
            key: 'k',
            databaseId: 'pulse',
            clientOptions: cosmos.clientOptions,
          }),
        );
      }
    });
    afterAll(async () => {
      await store?.close();
      await cosmos?.close();
    });

    const snapshot = async () => ({
      responses: await store.responses.listByTeam(TENANT, TEAM),
      rollups: await store.rollups.listByTeam(TENANT, TEAM),
    });

    it('is asked the full Edmondson check on its week, and a short rotating set otherwise', () => {
      const seed = pseudonyms.rotationSeed(TENANT, TEAM, 'u1');
      const full = planFor({ teamId: TEAM, personSeed: seed, week: EDMONDSON_WEEK });
      expect(full.edmondson).toBe(true);
      expect(full.items.slice(0, 7).map((i) => i.id)).toEqual(EDMONDSON_ITEMS.map((i) => i.id));
      const weekly = planFor({ teamId: TEAM, personSeed: seed, week: WEEKLY_WEEK });
      expect(weekly.edmondson).toBe(false);
      expect(weekly.items.length).toBeGreaterThanOrEqual(3);
      expect(weekly.items.length).toBeLessThanOrEqual(5);
    });

    it('stores an answer with no user id and folds it into the week rollup with reverse keying', async () => {
      const s = submission('u1', EDMONDSON_WEEK, () => 6, { comment: 'Mondays are heavy' });
      const outcome = await submitPulseResponse(store, s);
      expect(outcome).toMatchObject({ status: 'accepted', commentStored: false }); // roster 8 < comment threshold 10
      const [response] = (await snapshot()).responses;
      expect(Object.keys(response!).sort()).toEqual([
        '_etag',
        'answers',
        'id',
        'itemBankVersion',
        'pulseId',
        'respondentKey',
        'teamId',
        'tenantId',
        'type',
        'week',
      ]);
      expect(JSON.stringify(response)).not.toContain('u1');
      const rollup = await store.rollups.get({ tenantId: TENANT, teamId: TEAM, id: EDMONDSON_WEEK });
      // Item 1 is reverse-keyed: answer 6 → 2. Item 2 is not: 6 → 6. Respondent mean = (2+6+2+6+2+6+6)/7 = 30/7.
      expect(rollup!.aggregates['edm-ps-1']).toEqual({ n: 1, sum: 2, sumSq: 4, histogram: [0, 1, 0, 0, 0, 0, 0] });
      expect(rollup!.aggregates['edm-ps-2']).toMatchObject({ n: 1, sum: 6 });
      expect(rollup!.aggregates[EDMONDSON_RESPONDENT_MEAN]!.sum).toBeCloseTo(30 / 7, 12);
      expect(rollup!.respondents).toBe(1);
    });

    it('changes nothing on a second answer to the same pulse', async () => {
      const before = await snapshot();
      const outcome = await submitPulseResponse(
        store,
        submission('u1', EDMONDSON_WEEK, () => 1),
      );
      expect(outcome.status).toBe('duplicate');
      expect(await snapshot()).toEqual(before);
    });

    it('rejects bad answers and changes nothing', async () => {
      const before = await snapshot();
      const good = submission('u2', EDMONDSON_WEEK);
      const weekly = submission('u2', WEEKLY_WEEK);
      const notAskedId = ['ps-1', 'wp-1', 'js-3', 'me-2'].find((id) => !(id in weekly.answers))!;
      const cases: Array<[string, PulseSubmission, string]> = [
        ['out of range', submission('u2', EDMONDSON_WEEK, () => 8), 'invalid-answer'],
        ['not a number', submission('u2', EDMONDSON_WEEK, () => '5'), 'invalid-answer'],
        ['fractional', submission('u2', EDMONDSON_WEEK, () => 4.5), 'invalid-answer'],
        ['unknown item', { ...good, answers: { ...good.answers, 'no-such-item': 3 } }, 'unknown-item'],
        ['item not asked this week', { ...weekly, answers: { ...weekly.answers, [notAskedId]: 3 } }, 'not-asked'],
        [
          'partial Edmondson',
          { ...good, answers: Object.fromEntries(Object.entries(good.answers).filter(([id]) => id !== 'edm-ps-4')) },
          'missing-item',
        ],
        ['empty', { ...good, answers: {} }, 'no-answers'],
        ['bad week', { ...good, week: '2026-W60' }, 'bad-week'],
        ['forged pseudonym', { ...good, respondentKey: 'u2' }, 'bad-pseudonym'],
        ['comment too long', { ...good, comment: 'x'.repeat(1001) }, 'comment-too-long'],
      ];
      for (const [name, s, code] of cases) {
        const outcome = await submitPulseResponse(store, s);
        expect(outcome.status, name).toBe('rejected');
        expect(outcome.status === 'rejected' && outcome.problems.map((p) => p.code), name).toContain(code);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('keeps a comment only when the team reaches the comment threshold, cleaned of control characters', async () => {
      const outcome = await submitPulseResponse(
        store,
        submission('u3', EDMONDSON_WEEK, () => 4, { rosterSize: 12, comment: '  Too\u0007 many\n\n meetings \u202E' }),
      );
      expect(outcome).toMatchObject({ status: 'accepted', commentStored: true });
      const stored = await store.responses.get({
        tenantId: TENANT,
        teamId: TEAM,
        id: outcome.status === 'accepted' ? outcome.responseId : '',
      });
      expect(stored!.comment).toBe('Too many meetings');
    });

    it('counts every one of 20 people answering at the same moment exactly once', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          submitPulseResponse(
            store,
            submission(`c${i}`, WEEKLY_WEEK, () => (i % 7) + 1),
          ),
        ),
      );
      expect(outcomes.every((o) => o.status === 'accepted')).toBe(true);
      const rollup = await store.rollups.get({ tenantId: TENANT, teamId: TEAM, id: WEEKLY_WEEK });
      expect(rollup!.respondents).toBe(20);
      const categories = Object.entries(rollup!.aggregates).filter(([k]) =>
        (CATEGORY_KEYS as readonly string[]).includes(k),
      );
      expect(categories.length).toBeGreaterThan(0);
      for (const [, a] of categories) expect(a.n).toBe(20); // every person is asked each of this week's categories
    });

    it('rebuilds a week rollup from its responses to exactly what the incremental path produced', async () => {
      const incremental = await store.rollups.get({ tenantId: TENANT, teamId: TEAM, id: WEEKLY_WEEK });
      const rebuilt = await rebuildRollup(store, TENANT, TEAM, WEEKLY_WEEK);
      expect(rebuilt.respondents).toBe(incremental!.respondents);
      expect(rebuilt.aggregates).toEqual(incremental!.aggregates);
    });
  });
}

describe('pseudonyms', () => {
  it('differ per pulse, per tenant and per secret, and never contain the user id', () => {
    const a = pseudonyms.respondentKey('t1', '2026-W48', 'user-42');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain('user-42');
    expect(pseudonyms.respondentKey('t1', '2026-W49', 'user-42')).not.toBe(a);
    expect(pseudonyms.respondentKey('t2', '2026-W48', 'user-42')).not.toBe(a);
    expect(new Pseudonyms('another-secret-0123456789abcdef-xyz').respondentKey('t1', '2026-W48', 'user-42')).not.toBe(
      a,
    );
    expect(pseudonyms.respondentKey('t1', '2026-W48', 'user-42')).toBe(a);
  });
});
