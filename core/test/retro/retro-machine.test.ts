import { describe, expect, it } from 'vitest';
import {
  addCard,
  advance,
  answerWhy,
  castVote,
  claimsSharedCardRefresh,
  SHARED_CARD_REFRESH_MS,
  collectionCounts,
  detectBlame,
  escapeMarkdown,
  facilitatorLeft,
  finishWhy,
  handOver,
  mergeCards,
  parseAgreementRule,
  ranking,
  retroSummary,
  revealOrder,
  startRetro,
  validateActionDraft,
  visibleVotes,
  voteDropAction,
  votesLeft,
  voteTargets,
  type RetroDoc,
} from '../../src/index';

const now = new Date('2026-11-26T10:00:00Z');
const base = () =>
  startRetro({
    tenantId: 't',
    teamId: 'team',
    id: 'r1',
    template: 'start-stop-continue',
    facilitatorId: 'fac',
    now,
    openActionIds: ['a1'],
  });

function must<T extends { ok: boolean }>(o: T): Extract<T, { ok: true }> {
  if (!o.ok) throw new Error(`expected ok, got ${JSON.stringify(o)}`);
  return o as Extract<T, { ok: true }>;
}
const go = (r: RetroDoc, phase: RetroDoc['phase']) => must(advance(r, 'fac', phase, now)).retro;

function collected(): RetroDoc {
  let r = go(base(), 'opening');
  const texts = ['deploys on friday', 'flaky tests', 'pairing', 'standups too long', 'docs help'];
  texts.forEach(
    (text, i) =>
      (r = must(
        addCard(r, { cardId: `c${i}`, column: i % 2 ? 'stop' : 'start', text, contributorKey: `p${i % 3}` }),
      ).retro),
  );
  return r;
}

describe('retro state machine', () => {
  it('walks the phases in order, only for the facilitator, and ignores a repeated "next"', () => {
    let r = base();
    expect(advance(r, 'someone', 'opening', now)).toEqual({ ok: false, error: 'not-facilitator' });
    r = go(r, 'opening');
    expect(r.phase).toBe('collect');
    expect(must(advance(r, 'fac', 'opening', now)).changed).toBe(false);
    for (const p of ['collect', 'group', 'vote', 'whys', 'actions'] as const) r = go(r, p);
    expect(r.phase).toBe('closed');
    expect(r.closedAt).toBe(now.toISOString());
    expect(advance(r, 'fac', 'closed', now)).toEqual({ ok: false, error: 'closed' });
  });

  it('hands the facilitator role over and picks a successor when the facilitator leaves', () => {
    const r = must(handOver(base(), 'fac', 'b', ['fac', 'b'])).retro;
    expect(r.facilitatorId).toBe('b');
    expect(handOver(r, 'fac', 'c', ['c'])).toEqual({ ok: false, error: 'not-facilitator' });
    expect(handOver(r, 'b', 'zz', ['fac', 'b'])).toEqual({ ok: false, error: 'not-a-member' });
    // b leaves: the previous facilitator still on the roster takes over.
    expect(
      must(
        facilitatorLeft(r, [
          { id: 'fac', role: 'member' },
          { id: 'x', role: 'owner' },
        ]),
      ).retro.facilitatorId,
    ).toBe('fac');
    // nobody from history: the first owner.
    expect(
      must(
        facilitatorLeft(r, [
          { id: 'm', role: 'member' },
          { id: 'x', role: 'owner' },
        ]),
      ).retro.facilitatorId,
    ).toBe('x');
  });

  it('collects anonymously: no author field, counts people by pseudonym, same card twice is one card', () => {
    let r = collected();
    r = must(addCard(r, { cardId: 'c0', column: 'start', text: 'deploys on friday', contributorKey: 'p0' })).retro;
    expect(r.cards).toHaveLength(5);
    for (const c of r.cards) expect(Object.keys(c).sort()).toEqual(['column', 'id', 'text']);
    expect(collectionCounts(r)).toEqual({ cards: 5, people: 3, byColumn: { start: 3, stop: 2, continue: 0 } });
    expect(addCard(r, { cardId: 'x', column: 'nope', text: 'a', contributorKey: 'p' })).toEqual({
      ok: false,
      error: 'unknown-column',
    });
    expect(addCard(r, { cardId: 'x', column: 'start', text: '  ', contributorKey: 'p' })).toEqual({
      ok: false,
      error: 'bad-text',
    });
    expect(addCard(r, { cardId: 'x', column: 'start', text: 'x'.repeat(281), contributorKey: 'p' })).toEqual({
      ok: false,
      error: 'text-too-long',
    });
  });

  it('reveals in a deterministic shuffled order that is not arrival order', () => {
    const r = collected();
    const a = revealOrder(r).map((c) => c.id);
    expect(revealOrder(structuredClone(r)).map((c) => c.id)).toEqual(a);
    expect(a.slice().sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    const many = {
      ...r,
      cards: Array.from({ length: 30 }, (_, i) => ({
        id: `k${String(i).padStart(2, '0')}`,
        column: 'start',
        text: 't',
      })),
    };
    expect(revealOrder(many).map((c) => c.id)).not.toEqual(many.cards.map((c) => c.id));
  });

  it('merges cards into themes (facilitator only, idempotent) and votes on themes and loose cards', () => {
    let r = go(collected(), 'collect');
    expect(mergeCards(r, 'other', ['c0', 'c1'])).toEqual({ ok: false, error: 'not-facilitator' });
    r = must(mergeCards(r, 'fac', ['c0', 'c1'], 'Release pain')).retro;
    expect(must(mergeCards(r, 'fac', ['c0', 'c1'], 'Release pain')).changed).toBe(false);
    r = must(mergeCards(r, 'fac', ['theme-c0', 'c2'])).retro;
    expect(r.themes).toEqual([{ id: 'theme-c0', title: 'Release pain', cardIds: ['c0', 'c1', 'c2'] }]);
    expect(
      voteTargets(r)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['c3', 'c4', 'theme-c0']);
    r = go(r, 'group');
    r = must(castVote(r, { targetId: 'theme-c0', voterKey: 'v1', ballotKey: 'b1' })).retro;
    expect(castVote(r, { targetId: 'theme-c0', voterKey: 'v1', ballotKey: 'b1' })).toEqual({
      ok: false,
      error: 'already-voted',
    });
    r = must(castVote(r, { targetId: 'c3', voterKey: 'v1', ballotKey: 'b2' })).retro;
    r = must(castVote(r, { targetId: 'c4', voterKey: 'v1', ballotKey: 'b3' })).retro;
    expect(votesLeft(r, 'v1')).toBe(0);
    expect(castVote(r, { targetId: 'c0', voterKey: 'v1', ballotKey: 'b4' })).toEqual({
      ok: false,
      error: 'unknown-target',
    });
    r = must(castVote(r, { targetId: 'theme-c0', voterKey: 'v2', ballotKey: 'b5' })).retro;
    expect(castVote(r, { targetId: 'c3', voterKey: 'v1', ballotKey: 'b6' })).toEqual({
      ok: false,
      error: 'no-votes-left',
    });
    expect(visibleVotes(r)).toEqual({ hidden: true, voters: 2, votes: 4 });
    r = go(r, 'vote');
    expect(visibleVotes(r)).toEqual({ hidden: false, totals: { 'theme-c0': 2, c3: 1, c4: 1 } });
    expect(ranking(r)[0]).toMatchObject({ id: 'theme-c0', votes: 2 });
    expect(r.whys).toEqual([
      { id: 'why-theme-c0', targetId: 'theme-c0', title: 'Release pain', answers: [], done: false },
    ]);
  });

  it("a person's first vote claims the shared card's refresh at most once per SHARED_CARD_REFRESH_MS", () => {
    const base = go(go(collected(), 'collect'), 'group');
    const t0 = new Date('2026-11-26T10:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    let r = base;
    const vote = (voterKey: string, targetId: string, now: Date) => {
      const next = must(castVote(r, { targetId, voterKey, ballotKey: `${voterKey}|${targetId}`, now })).retro;
      const claimed = claimsSharedCardRefresh(r, next);
      r = next;
      return claimed;
    };
    expect(vote('v1', 'c3', at(0))).toBe(true); // first voter: the count changes, nothing refreshed yet
    expect(vote('v1', 'c4', at(20_000))).toBe(false); // same person again: the count does not change
    expect(vote('v2', 'c3', at(SHARED_CARD_REFRESH_MS - 1))).toBe(false); // too soon after the last refresh
    expect(vote('v3', 'c3', at(SHARED_CARD_REFRESH_MS))).toBe(true);
    expect(r.sharedCardAt).toBe(at(SHARED_CARD_REFRESH_MS).toISOString());
    // Without a clock (older callers) nothing is claimed.
    expect(
      claimsSharedCardRefresh(r, must(castVote(r, { targetId: 'c3', voterKey: 'v4', ballotKey: 'v4|c3' })).retro),
    ).toBe(false);
  });

  it('walks five whys, refuses blame (mention or member name) and stops at five levels', () => {
    let r = go(go(go(collected(), 'collect'), 'group'), 'vote');
    const chainId = r.whys![0]!.id;
    const names = ['Sam Taylor', 'Ana Lima'];
    expect(answerWhy(r, { chainId, level: 1, text: 'because sam forgot', memberNames: names })).toMatchObject({
      ok: false,
      error: 'blame',
    });
    expect(answerWhy(r, { chainId, level: 1, text: 'ask <at>Ana Lima</at>', memberNames: names })).toMatchObject({
      ok: false,
      error: 'blame',
    });
    expect(answerWhy(r, { chainId, level: 1, text: '@bob broke it', memberNames: names })).toMatchObject({
      ok: false,
      error: 'blame',
    });
    for (let level = 1; level <= 5; level++)
      r = must(answerWhy(r, { chainId, level, text: `no review gate ${level}`, memberNames: names })).retro;
    // A redelivered level-5 answer finds the chain complete and changes nothing.
    expect(answerWhy(r, { chainId, level: 5, text: 'dup', memberNames: names })).toEqual({
      ok: false,
      error: 'chain-complete',
    });
    expect(answerWhy(r, { chainId, level: 6, text: 'six', memberNames: names })).toEqual({
      ok: false,
      error: 'chain-complete',
    });
    expect(r.whys![0]!.answers).toHaveLength(5);
    expect(r.whys![0]!.done).toBe(true);
    expect(finishWhy(r, chainId)).toMatchObject({ ok: true, changed: false });
  });

  it('detects blame without false positives on ordinary words', () => {
    expect(detectBlame('the release process had no owner', ['Sam Taylor', 'Al']).blames).toBe(false);
    expect(detectBlame('SAMs fault', ['Sam Taylor']).blames).toBe(false);
    expect(detectBlame('José skipped it', ['Jose Ruiz']).blames).toBe(true);
  });

  it('opening: review and team vote to drop a stale action (majority of the roster)', () => {
    let r = base();
    r = must(voteDropAction(r, 'a1', 'p1', 5)).retro;
    r = must(voteDropAction(r, 'a1', 'p1', 5)).retro;
    r = must(voteDropAction(r, 'a1', 'p2', 5)).retro;
    expect(r.review![0]!.decision).toBeUndefined();
    const out = voteDropAction(r, 'a1', 'p3', 5);
    expect(out).toMatchObject({ ok: true, dropped: true });
  });

  it('validates actions and agreements', () => {
    const roster = [{ id: 'u1', displayName: 'Ana' }];
    expect(
      validateActionDraft(
        { title: 'Add review gate', ownerId: 'u1', due: '2026-12-01', target: 'hazard:workload-pace' },
        roster,
        '2026-11-26',
      ),
    ).toMatchObject({ ok: true, draft: { ownerName: 'Ana', target: { kind: 'hazard', key: 'workload-pace' } } });
    expect(
      validateActionDraft(
        { title: '', ownerId: 'u2', due: '2026-02-30', target: 'dimension:workload-pace' },
        roster,
        '2026-11-26',
      ),
    ).toEqual({ ok: false, problems: ['title', 'owner', 'due', 'target'] });
    expect(parseAgreementRule('no-meetings-after', '16:00')).toEqual({ kind: 'no-meetings-after', time: '16:00' });
    expect(parseAgreementRule('focus-day', 'Wed')).toEqual({ kind: 'focus-day', weekday: 3 });
    expect(parseAgreementRule('max-attendees', '8')).toEqual({ kind: 'max-attendees', max: 8 });
    expect(parseAgreementRule('default-duration', '50, 25')).toEqual({ kind: 'default-duration', minutes: [25, 50] });
    expect(parseAgreementRule('no-meetings-after', '25:00')).toBeUndefined();
  });

  it('summarises a closed retro', () => {
    let r = go(go(go(collected(), 'collect'), 'group'), 'vote');
    r = { ...go(go(r, 'whys'), 'actions'), actionIds: ['a9'] };
    const s = retroSummary(
      r,
      [
        {
          tenantId: 't',
          teamId: 'team',
          id: 'a9',
          type: 'action',
          title: 'Gate',
          ownerId: 'u',
          ownerName: 'Ana',
          due: '2026-12-01',
          status: 'open',
          createdAt: '',
        },
      ],
      [],
    );
    expect(s).toMatchObject({ cards: 5, people: 3, actions: [{ title: 'Gate', ownerName: 'Ana' }] });
  });

  it('escapes Markdown, HTML and mention tags', () => {
    const e = escapeMarkdown('**bold** [x](http://evil) <at>Sam</at> # h\n- item');
    expect(e).not.toMatch(/(^|[^\\])[*[\]<>#]/);
    expect(e).not.toContain('\n');
  });
});
