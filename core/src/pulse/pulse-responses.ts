import { AlreadyExistsError, ConflictError } from '../errors';
import { EDMONDSON_ITEMS, ITEM_BANK_VERSION, SCALE_POINTS, getItem, type Item } from '../measurement/items';
import { composePulse, type PulsePlan, type PulsePlanOptions } from '../measurement/rotation';
import {
  applyToRollup,
  emptyAggregate,
  isValidAnswer,
  rollupEntriesFor,
  scoreEdmondson,
  type AnswerError,
} from '../measurement/scoring';
import type { Aggregate, ResponseDoc, RollupDoc } from '../store/documents';
import { retryOnConflict } from '../store/retry';
import type { Store } from '../store/repositories';
import { isWeekId } from '../time/iso-week';
import { isPulseWeekOpen } from '../measurement/publication';

/**
 * The one path by which a pulse answer enters the store — used by the bot's pulse card and by the demo seed alike.
 *
 * AUTH happens before (the bot knows who answers and turns them into two pseudonyms with the tenant secret);
 * VALIDATION here: only the items this person was asked, 1..7, Edmondson complete or not at all, a bounded comment;
 * RESOLUTION: one transaction in the team's partition that creates the response document — whose id
 * `${pulseId}:${respondentKey}` makes a second answer of the same person to the same pulse fail — and folds it into
 * the team's week rollup under its ETag. A crash cannot leave one without the other; a rejected or duplicate
 * submission writes nothing.
 */

/** Rollup key for the distribution of respondent means of the full Edmondson check. */
export const EDMONDSON_RESPONDENT_MEAN = 'edmondson:respondent-mean';
export const DEFAULT_COMMENT_THRESHOLD = 10;
export const MAX_COMMENT_LENGTH = 1000;

const PSEUDONYM = /^[A-Za-z0-9_-]{16,128}$/;

export interface PulseSubmission {
  tenantId: string;
  teamId: string;
  /** ISO week of the team's pulse; one pulse per team per week, so it is also the pulse id. */
  week: string;
  /** HMAC(tenant secret, teamRespondentKeyInput(teamId, pulseId, userId)), computed by the service. */
  respondentKey: string;
  /** Keys the same person's answer to this pulse may already be stored under (an earlier key scheme): duplicates. */
  earlierRespondentKeys?: readonly string[];
  /** HMAC(tenant secret, rotationKeyInput(teamId, userId)): re-derives which items this person was asked. */
  personSeed: string;
  answers: Readonly<Record<string, unknown>>;
  comment?: unknown;
  /** When the answer is given: a week takes answers only while its pulse window is open (see publication.ts). */
  now: Date;
  /** People on the team's roster now: comments are kept only at or above the comment threshold. */
  rosterSize: number;
  commentThreshold?: number;
  plan?: Omit<PulsePlanOptions, 'teamSeed' | 'personSeed' | 'week'>;
}

export type SubmissionProblem =
  | AnswerError
  | { code: 'not-asked'; itemId: string }
  | { code: 'bad-week' }
  | { code: 'week-closed' }
  | { code: 'bad-pseudonym' }
  | { code: 'comment-too-long'; max: number }
  | { code: 'bad-comment' };

export type SubmissionOutcome =
  | { status: 'accepted'; responseId: string; commentStored: boolean }
  | { status: 'duplicate'; responseId: string }
  | { status: 'rejected'; problems: SubmissionProblem[] };

/** How long the record that a person was sent a week's pulse is kept: long enough for a resumed fan-out. */
export const PULSE_SENT_TTL_SECONDS = 14 * 86_400;

/**
 * Id of the record that one roster member was sent a week's pulse (kept in the team's partition until its TTL). It
 * names the person, so erasure deletes it: deleteUserData finds it from this same function.
 */
export function pulseSentId(week: string, userId: string): string {
  return `pulse-sent:${week}:${userId}`;
}

export function pulseIdOf(week: string): string {
  return week;
}

/** The plan a person was shown for a week: the same function decides what is asked and what is accepted. */
export function planFor(submission: Pick<PulseSubmission, 'teamId' | 'personSeed' | 'week' | 'plan'>): PulsePlan {
  return composePulse({
    ...submission.plan,
    teamSeed: submission.teamId,
    personSeed: submission.personSeed,
    week: submission.week,
  });
}

export function validateSubmission(s: PulseSubmission): {
  problems: SubmissionProblem[];
  answers: Record<string, number>;
  comment?: string;
} {
  const problems: SubmissionProblem[] = [];
  if (!isWeekId(s.week)) return { problems: [{ code: 'bad-week' }], answers: {} };
  // A week's figures are published once its window has closed; an answer after that would change them.
  if (!isPulseWeekOpen(s.week, s.now)) return { problems: [{ code: 'week-closed' }], answers: {} };
  if (!PSEUDONYM.test(s.respondentKey) || !PSEUDONYM.test(s.personSeed))
    return { problems: [{ code: 'bad-pseudonym' }], answers: {} };
  const plan = planFor(s);
  const asked = new Set(plan.items.map((i) => i.id));
  const answers: Record<string, number> = {};
  const ids = Object.keys(s.answers);
  if (ids.length === 0) problems.push({ code: 'no-answers' });
  for (const id of ids) {
    const value = s.answers[id];
    if (getItem(id) === undefined) problems.push({ code: 'unknown-item', itemId: id });
    else if (!asked.has(id)) problems.push({ code: 'not-asked', itemId: id });
    else if (!isValidAnswer(value)) problems.push({ code: 'invalid-answer', itemId: id });
    else answers[id] = value;
  }
  // The Edmondson scale is valid only as a whole: all seven or none.
  const edmondsonAnswered = EDMONDSON_ITEMS.filter((i: Item) => i.id in answers);
  if (edmondsonAnswered.length > 0 && edmondsonAnswered.length < EDMONDSON_ITEMS.length) {
    for (const i of EDMONDSON_ITEMS) if (!(i.id in s.answers)) problems.push({ code: 'missing-item', itemId: i.id });
  }
  let comment: string | undefined;
  if (s.comment !== undefined && s.comment !== null && s.comment !== '') {
    if (typeof s.comment !== 'string') problems.push({ code: 'bad-comment' });
    else {
      // Control characters out (they can smuggle formatting into cards and CSV); whitespace folded.
      const cleaned = s.comment
        .replace(/[^\P{Cc}\t\n]|[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/gu, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (cleaned.length > MAX_COMMENT_LENGTH) problems.push({ code: 'comment-too-long', max: MAX_COMMENT_LENGTH });
      else if (cleaned) comment = cleaned;
    }
  }
  return comment === undefined ? { problems, answers } : { problems, answers, comment };
}

export async function submitPulseResponse(store: Store, s: PulseSubmission): Promise<SubmissionOutcome> {
  const { problems, answers, comment } = validateSubmission(s);
  if (problems.length > 0) return { status: 'rejected', problems };
  const entries = rollupEntries(answers);
  if (!entries.ok) return { status: 'rejected', problems: entries.errors };

  const pulseId = pulseIdOf(s.week);
  const responseId = `${pulseId}:${s.respondentKey}`;
  for (const earlier of s.earlierRespondentKeys ?? []) {
    const earlierId = `${pulseId}:${earlier}`;
    if (await store.responses.get({ tenantId: s.tenantId, teamId: s.teamId, id: earlierId }))
      return { status: 'duplicate', responseId: earlierId };
  }
  const commentStored = comment !== undefined && s.rosterSize >= (s.commentThreshold ?? DEFAULT_COMMENT_THRESHOLD);
  const response: ResponseDoc = {
    tenantId: s.tenantId,
    teamId: s.teamId,
    id: responseId,
    type: 'response',
    pulseId,
    respondentKey: s.respondentKey,
    week: s.week,
    itemBankVersion: ITEM_BANK_VERSION,
    answers,
    ...(commentStored ? { comment } : {}),
  };
  const rollupKey = { tenantId: s.tenantId, teamId: s.teamId, id: s.week };

  // The response and its fold into the week rollup commit together or not at all. A second answer of the same
  // person fails on the response create and nothing is written; a concurrent fold fails on the rollup's ETag and
  // the whole transaction is retried on a fresh read.
  return retryOnConflict(
    async () => {
      const current = await store.rollups.get(rollupKey);
      const base: RollupDoc = current ?? {
        ...rollupKey,
        type: 'rollup',
        week: s.week,
        itemBankVersion: ITEM_BANK_VERSION,
        aggregates: {},
        respondents: 0,
      };
      const folded = foldEntries(base, entries.value);
      try {
        await store.transact(s.tenantId, s.teamId, [
          { op: 'create', doc: response },
          current ? { op: 'replace', doc: { ...folded, _etag: current._etag } } : { op: 'create', doc: folded },
        ]);
      } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e;
        // Either this person already answered (their first answer stands) or another answer created the week's
        // rollup a moment ago (go round again on a fresh read).
        if (await store.responses.get({ tenantId: s.tenantId, teamId: s.teamId, id: responseId }))
          return { status: 'duplicate' as const, responseId };
        throw new ConflictError('week rollup created concurrently', e);
      }
      return { status: 'accepted' as const, responseId, commentStored };
    },
    { attempts: 25 },
  );
}

/**
 * Rebuilds a week's rollup from its stored responses (an administrative repair, e.g. after an item-bank fix).
 * Reads every response of the week, so it is never on a request path.
 */
export async function rebuildRollup(store: Store, tenantId: string, teamId: string, week: string): Promise<RollupDoc> {
  const responses = await store.responses.listByPulse(tenantId, teamId, pulseIdOf(week));
  let doc: RollupDoc = {
    tenantId,
    teamId,
    id: week,
    type: 'rollup',
    week,
    itemBankVersion: ITEM_BANK_VERSION,
    aggregates: {},
    respondents: 0,
  };
  for (const r of responses) doc = foldAnswers(doc, r.answers);
  return store.rollups.upsert(doc);
}

/** A week rollup with one more person's (valid) answers folded in; the input is not changed. */
export function foldAnswers(rollup: RollupDoc, answers: Readonly<Record<string, number>>): RollupDoc {
  const entries = rollupEntries(answers);
  if (!entries.ok) throw new TypeError('answers do not validate');
  return foldEntries(rollup, entries.value);
}

function foldEntries(rollup: RollupDoc, entries: ReadonlyArray<{ dimension: string; value: number }>): RollupDoc {
  const aggregates = { ...rollup.aggregates };
  for (const e of entries) aggregates[e.dimension] = addValue(aggregates[e.dimension] ?? emptyAggregate(), e.value);
  return { ...rollup, aggregates, respondents: rollup.respondents + 1 };
}

function rollupEntries(answers: Readonly<Record<string, number>>) {
  const entries = rollupEntriesFor(answers);
  if (!entries.ok) return entries;
  const edmondson = scoreEdmondson(answers);
  // A complete Edmondson check also adds the respondent's mean (the unit the team score and its spread are about).
  if (edmondson.ok) entries.value.push({ dimension: EDMONDSON_RESPONDENT_MEAN, value: edmondson.value.mean });
  return entries;
}

/** Adds an integer answer (exact histogram) or a respondent mean (histogram bucket = nearest scale point). */
function addValue(a: Aggregate, value: number): Aggregate {
  if (Number.isInteger(value)) return applyToRollup(a, value);
  const bucket = Math.min(SCALE_POINTS, Math.max(1, Math.round(value)));
  const histogram = a.histogram.slice();
  histogram[bucket - 1] = (histogram[bucket - 1] ?? 0) + 1;
  return { n: a.n + 1, sum: a.sum + value, sumSq: a.sumSq + value * value, histogram };
}
