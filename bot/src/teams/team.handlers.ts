import { ActivityTypes } from 'botbuilder';
import {
  isCalendarDate,
  isoWeekOf,
  planFor,
  PULSE_SENT_TTL_SECONDS,
  pulseSentId,
  resolveK,
  submitPulseResponse,
  teamK,
  validateKSetting,
  type Store,
  type TeamDoc,
  type TeamSettings,
} from '@humandebt/core';
import type { Pseudonyms } from '../pulse/pseudonyms';
import type { ActionOf } from './card-values';
import { pulseAnswers } from './card-values';
import { attachment } from './cards/elements';
import { actionsCard, agreementsCard, privacyCard, settingsCard } from './cards/lists.card';
import { pulseCard } from './cards/pulse.card';
import { cardMessage, type Messenger } from './messenger';
import { today, type RetroCtx } from './retro.handlers';
import { ensureMember, ensureTeam } from './roster';

type Ctx = RetroCtx;

const NOT_OWNER = 'Only team owners can do that.';

async function say(ctx: Ctx, text: string): Promise<void> {
  await ctx.context.sendActivity({ type: ActivityTypes.Message, text });
}

async function isOwner(ctx: Ctx, teamId = ctx.id.teamId): Promise<boolean> {
  const m = await ctx.deps.store.members.get({ tenantId: ctx.id.tenantId, teamId, id: ctx.id.userId });
  return m?.role === 'owner';
}

export async function actionsCommand(ctx: Ctx): Promise<void> {
  const actions = await ctx.deps.store.actions.listByTeam(ctx.id.tenantId, ctx.id.teamId);
  await ctx.context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [
      attachment(
        actionsCard(
          actions.sort((a, b) => (a.due < b.due ? -1 : 1)),
          today(ctx.now),
        ),
      ),
    ],
  });
}

export async function agreementsCommand(ctx: Ctx): Promise<void> {
  const agreements = await ctx.deps.store.agreements.listByTeam(ctx.id.tenantId, ctx.id.teamId);
  await ctx.context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [attachment(agreementsCard(agreements))],
  });
}

export async function privacyCommand(ctx: Ctx): Promise<void> {
  const team = await ctx.deps.store.teams.get({ tenantId: ctx.id.tenantId, teamId: ctx.id.teamId, id: ctx.id.teamId });
  await ctx.context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [
      attachment(
        privacyCard(team ? teamK(team, ctx.deps.config.privacyK) : resolveK({ tenantK: ctx.deps.config.privacyK })),
      ),
    ],
  });
}

export async function settingsCommand(ctx: Ctx): Promise<void> {
  const team = await ensureTeam(ctx.deps.store, ctx.context, ctx.id, ctx.now);
  await ensureMember(ctx.deps.store, ctx.id, ctx.now);
  if (!(await isOwner(ctx))) return say(ctx, NOT_OWNER);
  await ctx.context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [attachment(settingsCard(team.settings))],
  });
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function settingsSave(ctx: Ctx, a: ActionOf<'settings-save'>): Promise<void> {
  if (!(await isOwner(ctx))) return say(ctx, NOT_OWNER);
  const k = validateKSetting(typeof a.k === 'string' ? Number(a.k) : a.k);
  if (!k.ok) return say(ctx, `Not saved: ${k.message}.`);
  const problems: string[] = [];
  const cadence = a.cadence === 'weekly' || a.cadence === 'biweekly' || a.cadence === 'off' ? a.cadence : undefined;
  if (!cadence) problems.push('pick a cadence');
  if (!a.start || !HHMM.test(a.start) || !a.end || !HHMM.test(a.end) || a.start >= a.end)
    problems.push('working hours must be HH:mm with the start before the end');
  if (!a.timeZone || !validTimeZone(a.timeZone))
    problems.push('the time zone must be an IANA name such as Europe/Berlin');
  if (problems.length) return say(ctx, `Not saved: ${problems.join('; ')}.`);
  await ctx.deps.store.teams.update({ tenantId: ctx.id.tenantId, teamId: ctx.id.teamId, id: ctx.id.teamId }, (t) => {
    const settings: TeamSettings = {
      ...t.settings,
      kThreshold: k.k,
      pulseCadence: cadence!,
      timeZone: a.timeZone!,
      workingHours: { ...t.settings.workingHours, start: a.start!, end: a.end! },
    };
    return { ...t, settings };
  });
  await say(ctx, `Settings saved. Figures are now shown only for groups of at least ${k.k} people.`);
}

/** Sends this week's pulse to every member of the team, 1:1. Shared by the `pulse` command and the scheduler. */
export async function sendPulse(
  deps: { store: Store; pseudonyms: Pseudonyms; messenger: Messenger },
  team: TeamDoc,
  week: string,
  options: { onlyUnsent?: boolean } = {},
): Promise<{ sent: number; failed: number }> {
  const members = await deps.store.members.listByTeam(team.tenantId, team.teamId);
  let sent = 0;
  let failed = 0;
  for (const m of members) {
    // Business key per person and week, written once the card is out: a resumed or repeated fan-out skips whoever
    // already has it, and a crash mid-send (before the key) means that person is sent to again, never skipped.
    // Senders do not overlap: the scheduler runs a team's fan-out under a lease.
    const sentKey = { tenantId: team.tenantId, teamId: team.teamId, id: pulseSentId(week, m.id) };
    if (options.onlyUnsent !== false && (await deps.store.processed.get(sentKey))) continue;
    const personSeed = deps.pseudonyms.rotationSeed(team.tenantId, team.teamId, m.id);
    const plan = planFor({ teamId: team.teamId, personSeed, week });
    try {
      await deps.messenger.toUser(
        team,
        m.id,
        cardMessage(
          attachment(
            pulseCard({
              teamId: team.teamId,
              teamName: team.name,
              week,
              items: plan.items,
              k: team.settings.kThreshold,
            }),
          ),
        ),
      );
    } catch {
      failed++;
      continue;
    }
    sent++;
    await deps.store.processed.markOnce(team.tenantId, team.teamId, sentKey.id, PULSE_SENT_TTL_SECONDS);
  }
  return { sent, failed };
}

/** How long a pulse fan-out may hold its week's lease (the scheduler uses the same job name). */
const PULSE_LEASE_MS = 5 * 60_000;

export async function pulseCommand(ctx: Ctx, messenger: Messenger): Promise<void> {
  const team = await ensureTeam(ctx.deps.store, ctx.context, ctx.id, ctx.now);
  await ensureMember(ctx.deps.store, ctx.id, ctx.now);
  if (!(await isOwner(ctx))) return say(ctx, NOT_OWNER);
  await ctx.context.sendActivity({ type: ActivityTypes.Typing });
  const week = isoWeekOf(ctx.now);
  // The same lease as the scheduler's fan-out for this week: two senders never overlap, so nobody gets it twice.
  const holder = `command:${ctx.context.activity.id ?? ctx.now.getTime()}`;
  const lease = await ctx.deps.store.leases.tryAcquire(
    team.tenantId,
    `pulse:${week}`,
    holder,
    PULSE_LEASE_MS,
    ctx.now.getTime(),
    team.teamId,
  );
  if (!lease)
    return say(ctx, 'This week’s pulse is being sent right now. Everyone on the team will have it in a moment.');
  let result: { sent: number; failed: number };
  try {
    result = await sendPulse({ store: ctx.deps.store, pseudonyms: ctx.deps.pseudonyms, messenger }, team, week);
  } finally {
    await ctx.deps.store.leases.release(team.tenantId, `pulse:${week}`, holder, team.teamId);
  }
  await say(
    ctx,
    result.sent > 0
      ? `This week’s pulse went to ${result.sent} ${result.sent === 1 ? 'person' : 'people'} by private message.`
      : 'Everyone on the team already has this week’s pulse.',
  );
}

export async function pulseSubmit(
  ctx: Ctx,
  a: ActionOf<'pulse-submit'>,
  value: Record<string, unknown>,
): Promise<void> {
  // AUTH: only a member of that team may answer its pulse; the answer itself is stored without who gave it.
  const member = await ctx.deps.store.members.get({ tenantId: ctx.id.tenantId, teamId: a.teamId, id: ctx.id.userId });
  if (!member) return say(ctx, 'This pulse is for members of the team it was sent for.');
  const rosterSize = (await ctx.deps.store.members.listByTeam(ctx.id.tenantId, a.teamId)).length;
  const outcome = await submitPulseResponse(ctx.deps.store, {
    tenantId: ctx.id.tenantId,
    teamId: a.teamId,
    week: a.week,
    respondentKey: ctx.deps.pseudonyms.teamRespondentKey(ctx.id.tenantId, a.teamId, a.week, ctx.id.userId),
    earlierRespondentKeys: ctx.deps.pseudonyms.earlierRespondentKeys(ctx.id.tenantId, a.week, ctx.id.userId),
    personSeed: ctx.deps.pseudonyms.rotationSeed(ctx.id.tenantId, a.teamId, ctx.id.userId),
    answers: pulseAnswers(value),
    comment: a.comment,
    rosterSize,
    now: ctx.now,
  });
  if (outcome.status === 'accepted')
    return say(
      ctx,
      `Thank you. Your answers are stored anonymously${outcome.commentStored ? ' (with your comment)' : ''}; no name or user id is kept with them.`,
    );
  if (outcome.status === 'duplicate')
    return say(ctx, 'You already answered this week’s pulse; your first answers stand.');
  const codes = new Set(outcome.problems.map((p) => p.code));
  if (codes.has('week-closed'))
    return say(
      ctx,
      `The pulse for ${a.week} has closed, so its results can be published without changing later. Nothing was stored; the next pulse comes on the team’s usual day.`,
    );
  if (codes.has('missing-item'))
    return say(
      ctx,
      'The seven statements about the team count only together: please answer all seven, or none of them. Nothing was stored.',
    );
  if (codes.has('comment-too-long'))
    return say(ctx, 'The comment is too long (at most 1000 characters). Nothing was stored.');
  return say(
    ctx,
    'Some answers could not be read. Please pick a value (1–7) for at least one statement. Nothing was stored.',
  );
}

export async function reminderAction(ctx: Ctx, a: ActionOf<'reminder'>, messenger: Messenger): Promise<void> {
  const key = { tenantId: ctx.id.tenantId, teamId: a.teamId, id: a.actionId };
  const action = await ctx.deps.store.actions.get(key);
  if (!action) return say(ctx, 'That action no longer exists.');
  if (action.ownerId !== ctx.id.userId) return say(ctx, 'Only the owner of this action can update it here.');
  const nowIso = ctx.now.toISOString();
  if (a.choice === 'move') {
    if (!a.due || !isCalendarDate(a.due) || a.due < today(ctx.now))
      return say(ctx, 'Pick a new due date from today on.');
    await ctx.deps.store.actions.update(key, (x) => (x.due === a.due ? undefined : { ...x, due: a.due! }));
    return say(ctx, `Moved to ${a.due}.`);
  }
  const status = a.choice === 'done' ? 'done' : a.choice === 'blocked' ? 'blocked' : action.status;
  await ctx.deps.store.actions.update(key, (x) =>
    x.status === status ? undefined : { ...x, status, ...(status === 'done' ? { doneAt: nowIso } : {}) },
  );
  if (a.choice === 'help') {
    const team = await ctx.deps.store.teams.get({ tenantId: ctx.id.tenantId, teamId: a.teamId, id: a.teamId });
    if (team?.conversation) {
      await messenger
        .toConversation(team.conversation, {
          type: ActivityTypes.Message,
          text: `${action.ownerName.replace(/[\\`*_[\]<>#()!|~]/g, '')} would like help with an action: "${action.title.replace(/[\\`*_[\]<>#()!|~]/g, '')}".`,
        })
        .catch(() => undefined);
    }
    return say(ctx, 'I asked the team to help.');
  }
  return say(
    ctx,
    a.choice === 'done' ? 'Marked as done. Thank you!' : 'Marked as blocked; it will open the next retro.',
  );
}
