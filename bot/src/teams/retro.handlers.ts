import { randomUUID } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  addCard,
  addWeeks,
  advance,
  AlreadyExistsError,
  answerWhy,
  attachAction,
  attachAgreement,
  castVote,
  claimsSharedCardRefresh,
  describeRule,
  DRAFT_MESSAGES,
  facilitatorLeft,
  finishWhy,
  gate,
  handOver,
  lastPublishedShareWeek,
  resolveK,
  teamK,
  isTemplate,
  mergeCards,
  NotFoundError,
  parseAgreementRule,
  RETRO_MESSAGES,
  retroSummary,
  reviewAction,
  startRetro,
  validateActionDraft,
  voteDropAction,
  votesLeft,
  voteTargets,
  type ActionDoc,
  type AgreementDoc,
  type MemberDoc,
  type Outcome,
  type RetroDoc,
  type Stored,
} from '@humandebt/core';
import type { ActionOf } from './card-values';
import { splitIds } from './card-values';
import { attachment, type AdaptiveCard } from './cards/elements';
import { clampPage, PAGE_SIZE, retroCard, templatePickerCard, type RetroView } from './cards/retro.card';
import { summaryCard } from './cards/summary.card';
import type { BotDeps } from './human-debt.bot';
import { ensureMember, ensureTeam } from './roster';
import type { TurnIdentity } from './turn-identity';

/**
 * Retro verbs. Each reads AUTH (who is acting, on which retro of which team) → VALIDATION (the pure machine in core)
 * → RESOLUTION (an ETag read-modify-write of the retro document, then the chat). Nothing is kept between turns.
 */

type Ctx = { context: TurnContext; deps: BotDeps; id: TurnIdentity; now: Date };

const retroKey = (id: TurnIdentity, retroId: string) => ({ tenantId: id.tenantId, teamId: id.teamId, id: retroId });

export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A document id of the team's tenant for a business key: unguessable, the same for the same key (redeliveries). */
function idFor(ctx: Ctx, purpose: string, ...parts: string[]): string {
  return ctx.deps.pseudonyms.opaqueId(ctx.id.tenantId, purpose, ...parts);
}

/** Applies a pure transition under optimistic concurrency; returns the stored retro and the transition's outcome. */
async function mutate<O extends Outcome>(
  ctx: Ctx,
  retroId: string,
  transition: (r: RetroDoc) => O,
): Promise<{ retro: Stored<RetroDoc>; outcome: O } | undefined> {
  let outcome: O | undefined;
  try {
    const retro = await ctx.deps.store.retros.update(retroKey(ctx.id, retroId), (r) => {
      outcome = transition(r);
      return outcome.ok && outcome.changed ? outcome.retro : undefined;
    });
    return { retro, outcome: outcome as O };
  } catch (e) {
    // A button of a retro that no longer exists (or of another team): nothing to do.
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

async function say(ctx: Ctx, text: string): Promise<void> {
  await ctx.context.sendActivity({ type: ActivityTypes.Message, text });
}

async function refuse(ctx: Ctx, outcome: Outcome): Promise<void> {
  if (!outcome.ok) await say(ctx, RETRO_MESSAGES[outcome.error]);
}

export async function roster(ctx: Pick<Ctx, 'deps' | 'id'>): Promise<Stored<MemberDoc>[]> {
  return ctx.deps.store.members.listByTeam(ctx.id.tenantId, ctx.id.teamId);
}

/** Everything the shared card needs, read from the store (never from the bot instance). */
async function view(ctx: Ctx, retro: RetroDoc, page?: number): Promise<RetroView> {
  const members = await roster(ctx);
  const facilitatorName = members.find((m) => m.id === retro.facilitatorId)?.displayName ?? 'Facilitator';
  const v: RetroView = {
    retro,
    facilitatorName,
    roster: members.map((m) => ({ id: m.id, displayName: m.displayName })),
    today: today(ctx.now),
    ...(page !== undefined ? { page } : {}),
  };
  if (retro.phase === 'opening') {
    const ids = (retro.review ?? []).map((r) => r.actionId);
    const actions = await Promise.all(
      ids.map((actionId) =>
        ctx.deps.store.actions.get({ tenantId: retro.tenantId, teamId: retro.teamId, id: actionId }),
      ),
    );
    v.reviewActions = actions.filter((a): a is Stored<ActionDoc> => a !== undefined);
    v.meetingLoad = await meetingLoadSummary(ctx, retro);
  }
  if (retro.phase === 'actions') {
    const [actions, agreements] = await Promise.all([
      loadAll(ctx, 'actions', retro.actionIds),
      loadAll(ctx, 'agreements', retro.agreementIds),
    ]);
    v.actions = actions as ActionDoc[];
    v.agreements = agreements as AgreementDoc[];
  }
  return v;
}

async function loadAll(
  ctx: Ctx,
  kind: 'actions' | 'agreements',
  ids: readonly string[],
): Promise<Array<ActionDoc | AgreementDoc>> {
  const repo = kind === 'actions' ? ctx.deps.store.actions : ctx.deps.store.agreements;
  const docs = await Promise.all(
    ids.map(
      (id) =>
        (repo as typeof ctx.deps.store.actions).get({
          tenantId: ctx.id.tenantId,
          teamId: ctx.id.teamId,
          id,
        }) as Promise<ActionDoc | AgreementDoc | undefined>,
    ),
  );
  return docs.filter((d): d is ActionDoc | AgreementDoc => d !== undefined);
}

/**
 * The team's meeting load over the last four published weeks (sharing closed, so the figures no longer change),
 * only when every week passed the privacy gate with the same k as the dashboard (the tenant's, or the team's if
 * higher).
 */
async function meetingLoadSummary(ctx: Ctx, retro: RetroDoc): Promise<RetroView['meetingLoad']> {
  const team = await ctx.deps.store.teams.get({ tenantId: retro.tenantId, teamId: retro.teamId, id: retro.teamId });
  const k = team ? teamK(team, ctx.deps.config.privacyK) : resolveK({ tenantK: ctx.deps.config.privacyK });
  const lastWeek = lastPublishedShareWeek(ctx.now);
  const weeks = await ctx.deps.store.meetingLoad.listWeeks(
    retro.tenantId,
    retro.teamId,
    addWeeks(lastWeek, -3),
    lastWeek,
  );
  if (weeks.length === 0) return undefined;
  const sharers = Math.min(...weeks.map((w) => w.sharers));
  const g = gate(
    sharers,
    () => {
      const mean = (metric: string) => {
        let n = 0;
        let sum = 0;
        for (const w of weeks) {
          const m = w.metrics[metric];
          if (m) {
            n += m.n;
            sum += m.sum;
          }
        }
        return n > 0 ? sum / n : undefined;
      };
      return {
        meetingHours: mean('meetingHours'),
        focusHours: mean('focusHours'),
        backToBackChains: mean('backToBackChains'),
        afterHoursHours: mean('afterHoursHours'),
      };
    },
    k,
  );
  if (g.suppressed) return { suppressed: g.message };
  const out: Exclude<RetroView['meetingLoad'], undefined | { suppressed: string }> = { weeks: weeks.length, sharers };
  for (const [key, value] of Object.entries(g.value))
    if (value !== undefined) (out as Record<string, number>)[key] = value;
  return out;
}

/** Posts a fresh retro card (new phase) and remembers its id so later changes update it in place. */
async function postCard(ctx: Ctx, retro: Stored<RetroDoc>, page?: number): Promise<void> {
  const response = await ctx.context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [attachment(retroCard(await view(ctx, retro, page)))],
  });
  const cardActivityId = response?.id;
  if (cardActivityId && cardActivityId !== retro.cardActivityId) {
    await ctx.deps.store.retros.update(retroKey(ctx.id, retro.id), (r) =>
      r.cardActivityId === cardActivityId ? undefined : { ...r, cardActivityId },
    );
  }
}

/** Updates the shared card in place; a chat that cannot update (or a lost card) is logged, not fatal. */
async function refreshCard(ctx: Ctx, retro: RetroDoc, page?: number, prepared?: RetroView): Promise<void> {
  const id = ctx.context.activity.replyToId ?? retro.cardActivityId;
  if (!id) return;
  try {
    await ctx.context.updateActivity({
      id,
      type: ActivityTypes.Message,
      conversation: ctx.context.activity.conversation,
      attachments: [attachment(retroCard(prepared ?? (await view(ctx, retro, page))))],
    });
  } catch (e) {
    ctx.deps.logger.warn({ err: e }, 'could not update the retro card in place');
  }
}

export async function activeRetro(ctx: Pick<Ctx, 'deps' | 'id'>): Promise<Stored<RetroDoc> | undefined> {
  const all = await ctx.deps.store.retros.listByTeam(ctx.id.tenantId, ctx.id.teamId);
  return all.filter((r) => r.phase !== 'closed').sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
}

/** Short names people type after "retro". */
const TEMPLATE_ALIASES: Record<string, string> = {
  ssc: 'start-stop-continue',
  msg: 'mad-sad-glad',
  disasters: 'last-three-disasters',
  'last-three': 'last-three-disasters',
  incidents: 'last-three-disasters',
  '4l': '4ls',
};

/**
 * "The start's card went out", recorded after the send: a redelivery of the start then stays quiet. The card's
 * activity id cannot say it on its own, since a channel may answer a send without an id (expectReplies does).
 */
const startCardKey = (ctx: Ctx, retroId: string) => ({
  tenantId: ctx.id.tenantId,
  teamId: ctx.id.teamId,
  id: `retro-card:${retroId}`,
});
const START_CARD_TTL_SECONDS = 86_400;
async function startCardPosted(ctx: Ctx, retroId: string): Promise<boolean> {
  return (await ctx.deps.store.processed.get(startCardKey(ctx, retroId))) !== undefined;
}
async function markStartCardPosted(ctx: Ctx, retroId: string): Promise<void> {
  const key = startCardKey(ctx, retroId);
  await ctx.deps.store.processed.markOnce(key.tenantId, key.teamId, key.id, START_CARD_TTL_SECONDS, ctx.now);
}

export async function startCommand(ctx: Ctx, requested?: string): Promise<void> {
  const template = requested ? (TEMPLATE_ALIASES[requested] ?? requested) : undefined;
  if (!isTemplate(template)) {
    await ctx.context.sendActivity({ type: ActivityTypes.Message, attachments: [attachment(templatePickerCard())] });
    return;
  }
  await ensureTeam(ctx.deps.store, ctx.context, ctx.id, ctx.now);
  await ensureMember(ctx.deps.store, ctx.id, ctx.now);
  // Business key: the retro a "start" request makes is named after that request, so a redelivery of it (the
  // activity id stays the same) recognises its own retro instead of announcing it again.
  const activityId = ctx.context.activity.id;
  const ownId = activityId
    ? `retro-${idFor(ctx, 'retro', ctx.id.teamId, activityId)}`
    : `retro-${idFor(ctx, 'retro', ctx.id.teamId, randomUUID())}`;
  const running = await activeRetro(ctx);
  if (running) {
    // A redelivery of the request that started it: post its card only if the first delivery never got that far.
    if (running.id === ownId) {
      // Its card is posted under the start lease; while that is held, the first delivery is still at it.
      const starting = await ctx.deps.store.leases.get({
        tenantId: ctx.id.tenantId,
        teamId: ctx.id.teamId,
        id: 'retro-start',
      });
      if (starting !== undefined && starting.expiresAt > ctx.now.getTime()) return;
      // Read the retro again, after the lease: the first delivery records its card before it lets the lease go, so
      // the copy read before the lease check may predate that.
      const latest = (await ctx.deps.store.retros.get(retroKey(ctx.id, running.id))) ?? running;
      if (latest.cardActivityId || (await startCardPosted(ctx, latest.id))) return;
      await postCard(ctx, latest);
      await markStartCardPosted(ctx, latest.id);
      return;
    }
    await say(ctx, 'A retro is already running in this chat. Here is its card:');
    await postCard(ctx, running);
    return;
  }
  // Two people starting at the same moment (or two instances handling one request twice) must not make two retros.
  // Each delivery holds the lease under its own name, so a duplicate delivery waits its turn rather than sharing it.
  const holder = `${activityId ?? 'start'}:${randomUUID()}`;
  const lease = await ctx.deps.store.leases.tryAcquire(
    ctx.id.tenantId,
    'retro-start',
    holder,
    15_000,
    ctx.now.getTime(),
    ctx.id.teamId,
  );
  if (!lease) {
    await say(ctx, 'A retro is being started right now. Its card will appear in a moment.');
    return;
  }
  try {
    if (await activeRetro(ctx)) return;
    const open = (await ctx.deps.store.actions.listByTeam(ctx.id.tenantId, ctx.id.teamId)).filter(
      (a) => a.status === 'open' || a.status === 'in-progress' || a.status === 'blocked',
    );
    const retro = startRetro({
      tenantId: ctx.id.tenantId,
      teamId: ctx.id.teamId,
      id: ownId,
      template,
      facilitatorId: ctx.id.userId,
      now: ctx.now,
      // Overdue actions open the retro first.
      openActionIds: open
        .sort((a, b) => (a.due < b.due ? -1 : 1))
        .slice(0, 10)
        .map((a) => a.id),
    });
    const stored = await ctx.deps.store.retros.create(retro);
    await postCard(ctx, stored);
    await markStartCardPosted(ctx, stored.id);
  } finally {
    await ctx.deps.store.leases.release(ctx.id.tenantId, 'retro-start', holder, ctx.id.teamId);
  }
}

export async function next(ctx: Ctx, a: ActionOf<'retro-next'>): Promise<void> {
  if (a.phase === 'actions') await ctx.context.sendActivity({ type: ActivityTypes.Typing });
  const res = await mutate(ctx, a.retroId, (r) => advance(r, ctx.id.userId, a.phase as RetroDoc['phase'], ctx.now));
  if (!res) return say(ctx, RETRO_MESSAGES.closed);
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  if (!res.outcome.changed) return;
  if (res.retro.phase === 'closed') {
    const [actions, agreements] = await Promise.all([
      loadAll(ctx, 'actions', res.retro.actionIds),
      loadAll(ctx, 'agreements', res.retro.agreementIds),
    ]);
    await ctx.context.sendActivity({
      type: ActivityTypes.Message,
      attachments: [
        attachment(summaryCard(retroSummary(res.retro, actions as ActionDoc[], agreements as AgreementDoc[]))),
      ],
    });
    return;
  }
  await postCard(ctx, res.retro);
}

export async function handover(ctx: Ctx, a: ActionOf<'retro-handover'>): Promise<void> {
  const members = await roster(ctx);
  const res = await mutate(ctx, a.retroId, (r) =>
    handOver(
      r,
      ctx.id.userId,
      a.to ?? '',
      members.map((m) => m.id),
    ),
  );
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  const name = members.find((m) => m.id === res.retro.facilitatorId)?.displayName ?? 'someone else';
  await say(ctx, `The facilitator role passed to ${name.replace(/[\\`*_[\]<>#()!|~]/g, '')}.`);
  await refreshCard(ctx, res.retro);
}

export async function review(ctx: Ctx, a: ActionOf<'retro-review'>): Promise<void> {
  const res = await mutate(ctx, a.retroId, (r) => reviewAction(r, a.actionId, a.decision));
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  const status: ActionDoc['status'] =
    a.decision === 'done' ? 'done' : a.decision === 'blocked' ? 'blocked' : 'in-progress';
  await ctx.deps.store.actions
    .update({ tenantId: ctx.id.tenantId, teamId: ctx.id.teamId, id: a.actionId }, (x) =>
      x.status === status
        ? undefined
        : {
            ...x,
            status,
            ...(status === 'done' ? { doneAt: ctx.now.toISOString() } : {}),
            ...(status === 'in-progress' && !x.startedAt ? { startedAt: ctx.now.toISOString() } : {}),
          },
    )
    .catch((e) => ctx.deps.logger.warn({ err: e }, 'review: action not updated'));
  await refreshCard(ctx, res.retro);
}

export async function drop(ctx: Ctx, a: ActionOf<'retro-drop'>): Promise<void> {
  const members = await roster(ctx);
  const voterKey = ctx.deps.pseudonyms.respondentKey(ctx.id.tenantId, `retro-drop:${a.retroId}`, ctx.id.userId);
  const res = await mutate(ctx, a.retroId, (r) => voteDropAction(r, a.actionId, voterKey, members.length));
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  if (res.outcome.dropped && res.outcome.changed) {
    await ctx.deps.store.actions
      .update({ tenantId: ctx.id.tenantId, teamId: ctx.id.teamId, id: a.actionId }, (x) =>
        x.status === 'dropped' ? undefined : { ...x, status: 'dropped' },
      )
      .catch((e) => ctx.deps.logger.warn({ err: e }, 'drop: action not updated'));
    await say(ctx, 'The team voted to drop that action.');
  }
  await refreshCard(ctx, res.retro);
}

export async function collect(ctx: Ctx, a: ActionOf<'retro-card'>): Promise<void> {
  // Anonymity: the card id derives from the submit's activity id (Teams reuses it on redelivery), never from the user;
  // keyed, so knowing an activity id does not give its card.
  const cardId = `c-${idFor(ctx, 'retro-card', a.retroId, ctx.context.activity.id ?? randomUUID())}`;
  const contributorKey = ctx.deps.pseudonyms.respondentKey(ctx.id.tenantId, `retro:${a.retroId}`, ctx.id.userId);
  const res = await mutate(ctx, a.retroId, (r) =>
    addCard(r, { cardId, column: a.column ?? '', text: a.text, contributorKey }),
  );
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  // In a shared chat the in-place count is the feedback: a reply per card would flood the chat and time-stamp each
  // writer's activity for everyone. In a 1:1 chat a short confirmation costs nothing.
  if (ctx.id.conversationType === 'personal') await say(ctx, 'Card added anonymously.');
  await refreshCard(ctx, res.retro);
}

export async function page(ctx: Ctx, a: ActionOf<'retro-page'>): Promise<void> {
  const retro = await ctx.deps.store.retros.get(retroKey(ctx.id, a.retroId));
  if (retro) await refreshCard(ctx, retro, a.page);
}

export async function merge(ctx: Ctx, a: ActionOf<'retro-merge'>): Promise<void> {
  const res = await mutate(ctx, a.retroId, (r) => mergeCards(r, ctx.id.userId, splitIds(a.ids), a.title));
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  await refreshCard(ctx, res.retro);
}

/** A vote sent as Action.Submit (older clients): counted the same way, answered with a short reply. */
export async function vote(ctx: Ctx, a: ActionOf<'retro-vote'>): Promise<void> {
  const { res, claimed, voterKey } = await cast(ctx, a);
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  const left = votesLeft(res.retro, voterKey);
  await say(ctx, `Vote counted. You have ${left} vote${left === 1 ? '' : 's'} left.`);
  if (claimed) await refreshCard(ctx, res.retro, a.page);
}

/** Casts the vote under optimistic concurrency; `claimed` says whether this write also claimed the shared-card refresh. */
async function cast(ctx: Ctx, a: ActionOf<'retro-vote'>) {
  const { voterKey, ballotKey } = voterKeys(ctx, a.retroId);
  let claimed = false;
  const res = await mutate(ctx, a.retroId, (r) => {
    const out = castVote(r, { targetId: a.targetId, voterKey, ballotKey: ballotKey(a.targetId), now: ctx.now });
    claimed = out.ok && out.changed && claimsSharedCardRefresh(r, out.retro);
    return out;
  });
  return { res, claimed, voterKey };
}

/** What a Universal Action on the retro card answers: this person's own card, or a short message. */
export type PersonalAnswer = { card: AdaptiveCard } | { message: string };

function voterKeys(ctx: Ctx, retroId: string) {
  const voterKey = ctx.deps.pseudonyms.respondentKey(ctx.id.tenantId, `retro:${retroId}`, ctx.id.userId);
  const ballotKey = (targetId: string) =>
    ctx.deps.pseudonyms.respondentKey(ctx.id.tenantId, `retro-ballot:${retroId}:${targetId}`, ctx.id.userId);
  return { voterKey, ballotKey };
}

/**
 * The retro card as this person sees it while voting: their remaining votes and ticks on the items they voted for.
 * Ballots are pseudonyms per (retro, item, person), so the ticks are recomputed from the person's own keys; nobody
 * else's votes can be read from the document.
 */
async function personalCard(
  ctx: Ctx,
  retro: Stored<RetroDoc>,
  page: number | undefined,
  notice?: string,
  shared?: RetroView,
): Promise<PersonalAnswer> {
  const isFacilitator = ctx.id.userId === retro.facilitatorId;
  const v: RetroView = {
    ...(shared ??
      (isFacilitator || retro.phase !== 'vote' ? await view(ctx, retro, page) : await voterView(ctx, retro, page))),
  };
  if (retro.phase !== 'vote') return { card: retroCard(v) };
  const { voterKey, ballotKey } = voterKeys(ctx, retro.id);
  const used = retro.voteBudget - votesLeft(retro, voterKey);
  const targets = voteTargets(retro);
  const first = clampPage(page, targets.length) * PAGE_SIZE;
  // Ticks only for the items on the page shown (one HMAC each), and none once all of the person's votes are found.
  const voted = new Set<string>();
  if (used > 0) {
    const ballots = new Set(retro.ballots ?? []);
    for (const t of targets.slice(first, first + PAGE_SIZE)) {
      if (ballots.has(ballotKey(t.id))) voted.add(t.id);
      if (voted.size === used) break;
    }
  }
  v.targets = targets;
  v.personal = { votesLeft: retro.voteBudget - used, voted, isFacilitator, ...(notice ? { notice } : {}) };
  return { card: retroCard(v) };
}

/** A voter's own card needs the facilitator's name only (the hand-over list is for the facilitator). */
async function voterView(ctx: Ctx, retro: RetroDoc, page?: number): Promise<RetroView> {
  const facilitator = await ctx.deps.store.members.get({
    tenantId: retro.tenantId,
    teamId: retro.teamId,
    id: retro.facilitatorId,
  });
  return {
    retro,
    facilitatorName: facilitator?.displayName ?? 'Facilitator',
    roster: [],
    today: today(ctx.now),
    ...(page !== undefined ? { page } : {}),
  };
}

/**
 * A vote pressed as a Universal Action (the card's Vote buttons). The answer goes to the voter alone, so remaining
 * votes stay private and the chat is not flooded with "vote counted" messages. No activity-id record is needed:
 * the ballot key (retro, item, person) makes a redelivered vote a no-op.
 */
export async function voteExecute(ctx: Ctx, a: ActionOf<'retro-vote'>): Promise<PersonalAnswer> {
  const { res, claimed } = await cast(ctx, a);
  if (!res) return { message: 'This retro no longer exists.' };
  const { retro, outcome } = res;
  if (!outcome.ok) {
    if (retro.phase !== 'vote') return { message: RETRO_MESSAGES[outcome.error] };
    // A redelivered or double-clicked vote is already counted: show the person their card, no alarm.
    return personalCard(
      ctx,
      retro,
      a.page,
      outcome.error === 'already-voted' ? undefined : RETRO_MESSAGES[outcome.error],
    );
  }
  // The shared card's voter count changes with a person's first vote; the write above claimed its refresh only if
  // none happened in the last few seconds (throttled). Then one read of the roster serves both cards.
  const shared = claimed ? await view(ctx, retro, a.page) : undefined;
  if (shared) await refreshCard(ctx, retro, a.page, shared);
  return personalCard(ctx, retro, a.page, 'Vote counted.', shared);
}

/** The card's refresh (and personal paging while voting): this person's current view, read-only. */
export async function myVotes(ctx: Ctx, a: ActionOf<'retro-my-votes'>): Promise<PersonalAnswer> {
  const retro = await ctx.deps.store.retros.get(retroKey(ctx.id, a.retroId));
  if (!retro) return { message: 'This retro no longer exists.' };
  return personalCard(ctx, retro, a.page);
}

export async function why(ctx: Ctx, a: ActionOf<'retro-why'>): Promise<void> {
  const names = (await roster(ctx)).map((m) => m.displayName);
  const res = await mutate(ctx, a.retroId, (r) =>
    answerWhy(r, { chainId: a.chainId, level: a.level, text: a.why, memberNames: names }),
  );
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  await refreshCard(ctx, res.retro);
}

export async function whyDone(ctx: Ctx, a: ActionOf<'retro-why-done'>): Promise<void> {
  const res = await mutate(ctx, a.retroId, (r) => finishWhy(r, a.chainId));
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  await refreshCard(ctx, res.retro);
}

export async function addAction(ctx: Ctx, a: ActionOf<'retro-action'>): Promise<void> {
  const retro = await ctx.deps.store.retros.get(retroKey(ctx.id, a.retroId));
  if (!retro) return;
  if (retro.phase !== 'actions' && retro.phase !== 'whys') return say(ctx, RETRO_MESSAGES['wrong-phase']);
  const members = await roster(ctx);
  const draft = validateActionDraft(
    { title: a.title, ownerId: a.owner, due: a.due, target: a.target },
    members,
    today(ctx.now),
  );
  if (!draft.ok) return say(ctx, draft.problems.map((p) => DRAFT_MESSAGES[p]).join(' '));
  // Business key: the same action submitted twice (double click, redelivery) is one action.
  const actionId = `act-${idFor(ctx, 'action', retro.id, draft.draft.title.toLowerCase(), draft.draft.ownerId)}`;
  const doc: ActionDoc = {
    tenantId: ctx.id.tenantId,
    teamId: ctx.id.teamId,
    id: actionId,
    type: 'action',
    title: draft.draft.title,
    ownerId: draft.draft.ownerId,
    ownerName: draft.draft.ownerName,
    due: draft.draft.due,
    status: 'open',
    target: draft.draft.target,
    sourceRetroId: retro.id,
    createdAt: ctx.now.toISOString(),
  };
  try {
    await ctx.deps.store.actions.create(doc);
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e;
  }
  const res = await mutate(ctx, retro.id, (r) => attachAction(r, actionId));
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  if (res.outcome.changed) await say(ctx, 'Action recorded.');
  await refreshCard(ctx, res.retro);
}

export async function addAgreement(ctx: Ctx, a: ActionOf<'retro-agreement'>): Promise<void> {
  const rule = parseAgreementRule(a.kind, a.value);
  if (!rule) return say(ctx, 'I could not read that agreement. Examples: 16:00 · Wednesday · 8 · 25, 50.');
  const res0 = await ctx.deps.store.retros.get(retroKey(ctx.id, a.retroId));
  if (!res0) return;
  // Refuse before anything is stored: an old card's button must not leave an agreement behind.
  if (res0.phase !== 'actions' && res0.phase !== 'whys') return say(ctx, RETRO_MESSAGES['wrong-phase']);
  const agreementId = `agr-${idFor(ctx, 'agreement', ctx.id.teamId, JSON.stringify(rule))}`;
  const doc: AgreementDoc = {
    tenantId: ctx.id.tenantId,
    teamId: ctx.id.teamId,
    id: agreementId,
    type: 'agreement',
    title: describeRule(rule),
    rule,
    sourceRetroId: res0.id,
    createdAt: ctx.now.toISOString(),
  };
  try {
    await ctx.deps.store.agreements.create(doc);
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e;
  }
  const res = await mutate(ctx, a.retroId, (r) => attachAgreement(r, agreementId));
  if (!res) return;
  if (!res.outcome.ok) return refuse(ctx, res.outcome);
  if (res.outcome.changed)
    await say(ctx, 'Agreement recorded. Outlook will remind people of it when they plan meetings.');
  await refreshCard(ctx, res.retro);
}

/** Roster change: a facilitator who left hands the role on (to the previous facilitator, an owner, or a member). */
export async function onMembersLeft(ctx: Pick<Ctx, 'deps' | 'id'>): Promise<void> {
  const running = await activeRetro(ctx);
  if (!running) return;
  const members = await roster(ctx);
  await ctx.deps.store.retros.update({ tenantId: running.tenantId, teamId: running.teamId, id: running.id }, (r) => {
    const out = facilitatorLeft(r, members);
    return out.ok && out.changed ? out.retro : undefined;
  });
}

export type { Ctx as RetroCtx };
