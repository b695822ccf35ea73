import { mulberry32, shuffleWith } from '../util/random';
import { hash32 } from '../measurement/rotation';
import type { RetroCard, RetroDoc, RetroPhase, RetroTheme, RetroWhyChain } from '../store/documents';
import { detectBlame, RESTATE_PROMPT } from './blame';
import { TEMPLATES, type RetroTemplate } from './templates';
import { cleanText, MAX_CARD_TEXT, MAX_TITLE_TEXT } from './text';

/**
 * The retrospective as a pure state machine. Every function takes the stored RetroDoc and an intent and returns a
 * new document (or a refusal); the bot applies it inside an ETag read-modify-write, so two service instances (or two
 * people clicking at once) cannot lose each other's changes, and a redelivered intent is a no-op wherever the intent
 * carries a business key (card id, ballot key). Nothing here knows about Teams, cards or the store.
 *
 * Anonymity is enforced by what is kept: a collected card has no author field at all; contributors and voters are
 * pseudonyms (HMACs computed by the service with the tenant secret), never user ids, and never linked to a card.
 */

export const PHASES: readonly RetroPhase[] = Object.freeze([
  'opening',
  'collect',
  'group',
  'vote',
  'whys',
  'actions',
  'closed',
]);
export const DEFAULT_VOTE_BUDGET = 3;
export const MAX_VOTE_BUDGET = 10;
export const MAX_WHY_LEVELS = 5;
export const MAX_CARDS = 200;

export type RetroErrorCode =
  | 'wrong-phase'
  | 'not-facilitator'
  | 'not-a-member'
  | 'bad-text'
  | 'text-too-long'
  | 'unknown-column'
  | 'unknown-target'
  | 'no-votes-left'
  | 'already-voted'
  | 'too-many-cards'
  | 'blame'
  | 'chain-complete'
  | 'closed';

/** What a person is told. Fixed wording: no internal detail ever reaches the chat. */
export const RETRO_MESSAGES: Readonly<Record<RetroErrorCode, string>> = Object.freeze({
  'wrong-phase': 'That step is not open right now.',
  'not-facilitator': 'Only the facilitator can do that. The facilitator can hand the role over.',
  'not-a-member': 'That person is not on this team’s roster.',
  'bad-text': 'Please write something first.',
  'text-too-long': `Please keep it under ${MAX_CARD_TEXT} characters.`,
  'unknown-column': 'That column is not part of this retro.',
  'unknown-target': 'That item is no longer there (it may have been merged).',
  'no-votes-left': 'You have used all your votes.',
  'already-voted': 'You already voted for that item.',
  'too-many-cards': 'This retro has reached its card limit.',
  blame: RESTATE_PROMPT,
  'chain-complete': 'That why-chain is complete.',
  closed: 'This retro is closed.',
});

export type Outcome<T = RetroDoc> = { ok: true; retro: T; changed: boolean } | { ok: false; error: RetroErrorCode };

const ok = (retro: RetroDoc, changed = true): Outcome => ({ ok: true, retro, changed });
const fail = (error: RetroErrorCode): Outcome => ({ ok: false, error });

export interface StartRetroInput {
  tenantId: string;
  teamId: string;
  id: string;
  template: RetroTemplate;
  facilitatorId: string;
  now: Date;
  voteBudget?: number;
  /** Open actions of earlier retros, reviewed in the opening. */
  openActionIds?: readonly string[];
}

export function startRetro(input: StartRetroInput): RetroDoc {
  const budget = Math.min(MAX_VOTE_BUDGET, Math.max(1, Math.floor(input.voteBudget ?? DEFAULT_VOTE_BUDGET)));
  return {
    tenantId: input.tenantId,
    teamId: input.teamId,
    id: input.id,
    type: 'retro',
    template: input.template,
    phase: 'opening',
    facilitatorId: input.facilitatorId,
    facilitatorHistory: [input.facilitatorId],
    startedAt: input.now.toISOString(),
    cards: [],
    themes: [],
    voteTotals: {},
    votesUsed: {},
    voteBudget: budget,
    actionIds: [],
    agreementIds: [],
    contributors: [],
    ballots: [],
    whys: [],
    review: (input.openActionIds ?? []).map((actionId) => ({ actionId, dropVotes: [] })),
  };
}

export function nextPhase(phase: RetroPhase): RetroPhase {
  const i = PHASES.indexOf(phase);
  return PHASES[Math.min(PHASES.length - 1, i + 1)] as RetroPhase;
}

/**
 * The facilitator moves the retro on. `expectedPhase` is the phase the button was rendered for: a double click or a
 * redelivered "next" finds the retro already past it and changes nothing (instead of skipping a phase).
 */
export function advance(retro: RetroDoc, actorId: string, expectedPhase: RetroPhase, now: Date): Outcome {
  if (retro.phase === 'closed') return fail('closed');
  if (retro.phase !== expectedPhase) return ok(retro, false);
  if (actorId !== retro.facilitatorId) return fail('not-facilitator');
  const next = nextPhase(retro.phase);
  const out: RetroDoc = { ...retro, phase: next };
  if (next === 'whys') out.whys = seedWhyChains(out);
  if (next === 'closed') out.closedAt = now.toISOString();
  return ok(out);
}

/** Hands the facilitator role to another roster member (only the facilitator can). */
export function handOver(retro: RetroDoc, actorId: string, toId: string, rosterIds: readonly string[]): Outcome {
  if (retro.phase === 'closed') return fail('closed');
  if (actorId !== retro.facilitatorId) return fail('not-facilitator');
  if (!rosterIds.includes(toId)) return fail('not-a-member');
  if (toId === retro.facilitatorId) return ok(retro, false);
  return ok({
    ...retro,
    facilitatorId: toId,
    facilitatorHistory: [...(retro.facilitatorHistory ?? [retro.facilitatorId]), toId],
  });
}

/**
 * The facilitator left the team (roster change): the role passes to the most recent earlier facilitator still on
 * the roster, else the first remaining owner, else the first remaining member (by id, so every instance agrees).
 * With nobody left the retro stays as it is.
 */
export function facilitatorLeft(
  retro: RetroDoc,
  remaining: readonly { id: string; role: 'owner' | 'member' }[],
): Outcome {
  if (retro.phase === 'closed') return ok(retro, false);
  const ids = new Set(remaining.map((m) => m.id));
  if (ids.has(retro.facilitatorId)) return ok(retro, false);
  const history = (retro.facilitatorHistory ?? []).slice().reverse();
  const sorted = remaining.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const next = history.find((id) => ids.has(id)) ?? sorted.find((m) => m.role === 'owner')?.id ?? sorted[0]?.id;
  if (!next) return ok(retro, false);
  return ok({ ...retro, facilitatorId: next, facilitatorHistory: [...(retro.facilitatorHistory ?? []), next] });
}

// --- opening ---------------------------------------------------------------------------------------------------

export type ReviewDecision = 'done' | 'blocked' | 'still-going';

/** Records the team's view of an earlier open action (anyone may say so; the latest word stands). */
export function reviewAction(retro: RetroDoc, actionId: string, decision: ReviewDecision): Outcome {
  if (retro.phase !== 'opening') return fail('wrong-phase');
  const review = retro.review ?? [];
  const entry = review.find((r) => r.actionId === actionId);
  if (!entry) return fail('unknown-target');
  if (entry.decision === decision) return ok(retro, false);
  return ok({ ...retro, review: review.map((r) => (r.actionId === actionId ? { ...r, decision } : r)) });
}

/**
 * Dropping a stale action is a team decision: it is dropped once more than half of the roster voted to drop it.
 * Votes are pseudonyms, so one person voting twice counts once.
 */
export function voteDropAction(
  retro: RetroDoc,
  actionId: string,
  voterKey: string,
  rosterSize: number,
): Outcome & { dropped?: boolean } {
  if (retro.phase !== 'opening') return fail('wrong-phase');
  const review = retro.review ?? [];
  const entry = review.find((r) => r.actionId === actionId);
  if (!entry) return fail('unknown-target');
  if (entry.decision === 'dropped') return { ok: true, retro, changed: false, dropped: true };
  const dropVotes = entry.dropVotes.includes(voterKey) ? entry.dropVotes : [...entry.dropVotes, voterKey];
  const dropped = dropVotes.length * 2 > Math.max(1, rosterSize);
  const next = { ...entry, dropVotes, ...(dropped ? { decision: 'dropped' as const } : {}) };
  const changed = dropVotes !== entry.dropVotes || dropped;
  return {
    ok: true,
    retro: changed ? { ...retro, review: review.map((r) => (r.actionId === actionId ? next : r)) } : retro,
    changed,
    dropped,
  };
}

// --- collect ---------------------------------------------------------------------------------------------------

export interface CollectInput {
  /** Deterministic id from the service (a keyed hash of the retro and the submit's activity id): a redelivery is one card. */
  cardId: string;
  column: string;
  text: unknown;
  /** Pseudonym of the writer for this retro: counted, never stored on the card. */
  contributorKey: string;
}

export function addCard(retro: RetroDoc, input: CollectInput): Outcome {
  if (retro.phase === 'closed') return fail('closed');
  if (retro.phase !== 'collect') return fail('wrong-phase');
  if (!TEMPLATES[retro.template].columns.some((c) => c.key === input.column)) return fail('unknown-column');
  const text = cleanText(input.text, MAX_CARD_TEXT);
  if (!text.ok) return fail(text.reason === 'empty' ? 'bad-text' : 'text-too-long');
  if (retro.cards.some((c) => c.id === input.cardId)) return ok(retro, false);
  if (retro.cards.length >= MAX_CARDS) return fail('too-many-cards');
  // Built field by field so no author can slip in from the input.
  const card: RetroCard = { id: input.cardId, column: input.column, text: text.text };
  const contributors = retro.contributors ?? [];
  return ok({
    ...retro,
    cards: [...retro.cards, card],
    contributors: contributors.includes(input.contributorKey) ? contributors : [...contributors, input.contributorKey],
  });
}

/** What the shared card shows while collecting: "9 cards from 5 people", per column counts. */
export function collectionCounts(retro: RetroDoc): { cards: number; people: number; byColumn: Record<string, number> } {
  const byColumn: Record<string, number> = {};
  for (const c of TEMPLATES[retro.template].columns) byColumn[c.key] = 0;
  for (const card of retro.cards) byColumn[card.column] = (byColumn[card.column] ?? 0) + 1;
  return { cards: retro.cards.length, people: (retro.contributors ?? []).length, byColumn };
}

// --- reveal and group ------------------------------------------------------------------------------------------

/** Deterministic Fisher–Yates with mulberry32 seeded from a string: every instance shows the same order. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  return shuffleWith(items, mulberry32(hash32(seed)));
}

/**
 * The cards in reveal order: shuffled (arrival order would hint at who wrote what), stable for a retro. The seed
 * mixes in the card ids so nobody can precompute the order from the retro id alone.
 */
export function revealOrder(retro: RetroDoc): RetroCard[] {
  const seed = `reveal|${retro.id}|${retro.cards
    .map((c) => c.id)
    .sort()
    .join(',')}`;
  return seededShuffle(
    retro.cards.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    seed,
  );
}

/**
 * Merges cards (and/or existing themes) into one theme. Merging into an existing theme keeps its id; merging loose
 * cards makes a theme whose id derives from its first card, so a redelivered merge makes no second theme.
 */
export function mergeCards(retro: RetroDoc, actorId: string, ids: readonly string[], title?: unknown): Outcome {
  if (retro.phase === 'closed') return fail('closed');
  if (retro.phase !== 'group') return fail('wrong-phase');
  if (actorId !== retro.facilitatorId) return fail('not-facilitator');
  const cardIds = new Set<string>();
  let into: RetroTheme | undefined;
  for (const id of ids) {
    const theme = retro.themes.find((t) => t.id === id);
    if (theme) {
      into ??= theme;
      theme.cardIds.forEach((c) => cardIds.add(c));
      continue;
    }
    const card = retro.cards.find((c) => c.id === id);
    if (!card) return fail('unknown-target');
    if (card.themeId) {
      const t = retro.themes.find((x) => x.id === card.themeId);
      if (t) {
        into ??= t;
        t.cardIds.forEach((c) => cardIds.add(c));
      }
    }
    cardIds.add(card.id);
  }
  if (cardIds.size < 2 && !into) return fail('unknown-target');
  const cleanTitle = title === undefined || title === '' ? undefined : cleanText(title, MAX_TITLE_TEXT);
  if (cleanTitle && !cleanTitle.ok) return fail(cleanTitle.reason === 'empty' ? 'bad-text' : 'text-too-long');
  const members = [...cardIds];
  const themeId = into?.id ?? `theme-${members.slice().sort()[0]}`;
  const firstText = retro.cards.find((c) => c.id === members[0])?.text ?? 'Theme';
  const themeTitle = cleanTitle?.ok ? cleanTitle.text : (into?.title ?? firstText.slice(0, MAX_TITLE_TEXT));
  const absorbed = new Set(
    retro.themes.filter((t) => t.id !== themeId && t.cardIds.some((c) => cardIds.has(c))).map((t) => t.id),
  );
  const themes = retro.themes.filter((t) => t.id !== themeId && !absorbed.has(t.id));
  const theme: RetroTheme = { id: themeId, title: themeTitle, cardIds: members };
  const unchanged =
    into &&
    into.id === themeId &&
    into.title === themeTitle &&
    into.cardIds.length === members.length &&
    absorbed.size === 0;
  if (unchanged) return ok(retro, false);
  return ok({
    ...retro,
    themes: [...themes, theme],
    cards: retro.cards.map((c) =>
      cardIds.has(c.id) ? { ...c, themeId } : c.themeId && absorbed.has(c.themeId) ? { ...c, themeId } : c,
    ),
  });
}

export interface VoteTarget {
  id: string;
  kind: 'theme' | 'card';
  title: string;
  /** Cards in it (1 for a loose card). */
  size: number;
}

/** What can be voted on: every theme and every card that is in no theme, in reveal order. */
export function voteTargets(retro: RetroDoc): VoteTarget[] {
  const out: VoteTarget[] = [];
  const seenThemes = new Set<string>();
  for (const card of revealOrder(retro)) {
    if (card.themeId) {
      const theme = retro.themes.find((t) => t.id === card.themeId);
      if (theme && !seenThemes.has(theme.id)) {
        seenThemes.add(theme.id);
        out.push({ id: theme.id, kind: 'theme', title: theme.title, size: theme.cardIds.length });
      }
      if (theme) continue;
    }
    out.push({ id: card.id, kind: 'card', title: card.text, size: 1 });
  }
  return out;
}

/** Whether `id` is something one can vote for (a theme, or a card in no theme): `voteTargets` without the shuffle. */
export function isVoteTarget(retro: RetroDoc, id: string): boolean {
  if (retro.themes.some((t) => t.id === id)) return true;
  const card = retro.cards.find((c) => c.id === id);
  return card !== undefined && !(card.themeId && retro.themes.some((t) => t.id === card.themeId));
}

// --- vote ------------------------------------------------------------------------------------------------------

export interface VoteInput {
  targetId: string;
  /** Pseudonym of the voter for this retro (HMAC): the budget is counted under it. */
  voterKey: string;
  /** HMAC of voter, retro and target: one vote per person per item; a redelivered vote is a no-op. */
  ballotKey: string;
  /** When the vote is cast; lets a person's first vote mark the shared card for a (throttled) refresh. */
  now?: Date;
}

/**
 * The shared card's "N people have voted" changes with each person's first vote. Every in-place update of a card
 * makes every viewer's Teams client ask again for their own view, so such updates are spaced by at least this much;
 * each person's own view is always current.
 */
export const SHARED_CARD_REFRESH_MS = 10_000;

/** Whether a vote (`before` → `after`) claimed the shared card's next refresh (see SHARED_CARD_REFRESH_MS). */
export function claimsSharedCardRefresh(before: RetroDoc, after: RetroDoc): boolean {
  return after.sharedCardAt !== undefined && after.sharedCardAt !== before.sharedCardAt;
}

export function castVote(retro: RetroDoc, input: VoteInput): Outcome {
  if (retro.phase === 'closed') return fail('closed');
  if (retro.phase !== 'vote') return fail('wrong-phase');
  if (!isVoteTarget(retro, input.targetId)) return fail('unknown-target');
  const ballots = retro.ballots ?? [];
  if (ballots.includes(input.ballotKey)) return fail('already-voted');
  const used = retro.votesUsed[input.voterKey] ?? 0;
  if (used >= retro.voteBudget) return fail('no-votes-left');
  const refresh =
    used === 0 &&
    input.now !== undefined &&
    (!retro.sharedCardAt || input.now.getTime() - Date.parse(retro.sharedCardAt) >= SHARED_CARD_REFRESH_MS);
  return ok({
    ...retro,
    ballots: [...ballots, input.ballotKey],
    votesUsed: { ...retro.votesUsed, [input.voterKey]: used + 1 },
    voteTotals: { ...retro.voteTotals, [input.targetId]: (retro.voteTotals[input.targetId] ?? 0) + 1 },
    ...(refresh ? { sharedCardAt: input.now!.toISOString() } : {}),
  });
}

export function votesLeft(retro: RetroDoc, voterKey: string): number {
  return Math.max(0, retro.voteBudget - (retro.votesUsed[voterKey] ?? 0));
}

/** What may be shown about votes now: while voting, only how many people voted; totals once voting closed. */
export function visibleVotes(
  retro: RetroDoc,
): { hidden: true; voters: number; votes: number } | { hidden: false; totals: Record<string, number> } {
  if (retro.phase === 'opening' || retro.phase === 'collect' || retro.phase === 'group' || retro.phase === 'vote') {
    const votes = Object.values(retro.votesUsed).reduce((a, b) => a + b, 0);
    return { hidden: true, voters: Object.keys(retro.votesUsed).length, votes };
  }
  return { hidden: false, totals: { ...retro.voteTotals } };
}

/** Targets by votes (ties by reveal order), with their totals: only meaningful once voting closed. */
export function ranking(retro: RetroDoc): Array<VoteTarget & { votes: number }> {
  const targets = voteTargets(retro);
  return targets
    .map((t, i) => ({ ...t, votes: retro.voteTotals[t.id] ?? 0, i }))
    .sort((a, b) => b.votes - a.votes || a.i - b.i)
    .map(({ i: _i, ...t }) => t);
}

// --- five whys -------------------------------------------------------------------------------------------------

function seedWhyChains(retro: RetroDoc): RetroWhyChain[] {
  if ((retro.whys ?? []).length > 0) return retro.whys ?? [];
  const n = TEMPLATES[retro.template].whysOnTop;
  return ranking(retro)
    .slice(0, n)
    .map((t) => ({ id: `why-${t.id}`, targetId: t.id, title: t.title, answers: [], done: false }));
}

export interface WhyInput {
  chainId: string;
  /** Which level the answer was written for (1..5): a redelivered or double-clicked answer finds it taken. */
  level: number;
  text: unknown;
  memberNames: readonly string[];
}

/**
 * Adds the next "why" to a chain, up to five levels. An answer that blames a person is refused with the request to
 * restate it as a system or process cause; it is not stored.
 */
export function answerWhy(retro: RetroDoc, input: WhyInput): Outcome & { blame?: string[] } {
  if (retro.phase === 'closed') return fail('closed');
  if (retro.phase !== 'whys') return fail('wrong-phase');
  const chain = (retro.whys ?? []).find((c) => c.id === input.chainId);
  if (!chain) return fail('unknown-target');
  if (chain.done || chain.answers.length >= MAX_WHY_LEVELS) return fail('chain-complete');
  if (input.level !== chain.answers.length + 1) return ok(retro, false);
  const text = cleanText(input.text, MAX_CARD_TEXT);
  if (!text.ok) return fail(text.reason === 'empty' ? 'bad-text' : 'text-too-long');
  const blame = detectBlame(text.text, input.memberNames);
  if (blame.blames) return { ok: false, error: 'blame', blame: blame.matched };
  const answers = [...chain.answers, text.text];
  const updated: RetroWhyChain = { ...chain, answers, done: answers.length >= MAX_WHY_LEVELS };
  return ok({ ...retro, whys: (retro.whys ?? []).map((c) => (c.id === chain.id ? updated : c)) });
}

/** "We found the root cause": ends a chain before five levels (it needs at least one answer). */
export function finishWhy(retro: RetroDoc, chainId: string): Outcome {
  if (retro.phase !== 'whys') return fail('wrong-phase');
  const chain = (retro.whys ?? []).find((c) => c.id === chainId);
  if (!chain) return fail('unknown-target');
  if (chain.done) return ok(retro, false);
  if (chain.answers.length === 0) return fail('bad-text');
  return ok({ ...retro, whys: (retro.whys ?? []).map((c) => (c.id === chainId ? { ...c, done: true } : c)) });
}

export function rootCause(chain: RetroWhyChain): string | undefined {
  return chain.answers[chain.answers.length - 1];
}

// --- actions and agreements (the documents are created by the service; the retro keeps their ids) ---------------

export function attachAction(retro: RetroDoc, actionId: string): Outcome {
  if (retro.phase !== 'actions' && retro.phase !== 'whys') return fail('wrong-phase');
  if (retro.actionIds.includes(actionId)) return ok(retro, false);
  return ok({ ...retro, actionIds: [...retro.actionIds, actionId] });
}

export function attachAgreement(retro: RetroDoc, agreementId: string): Outcome {
  if (retro.phase !== 'actions' && retro.phase !== 'whys') return fail('wrong-phase');
  if (retro.agreementIds.includes(agreementId)) return ok(retro, false);
  return ok({ ...retro, agreementIds: [...retro.agreementIds, agreementId] });
}
