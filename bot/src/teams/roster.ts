import { TeamsInfo, type ChannelAccount, type TurnContext } from 'botbuilder';
import { DEFAULT_K, type ConversationRef, type MemberDoc, type Store, type TeamDoc } from '@humandebt/core';
import type { Logger } from 'pino';
import type { TurnIdentity } from './turn-identity';

/**
 * The roster: who is on the team (owners may change settings and start pulses; members can own actions). Recorded
 * on install and on member changes. Teams' paged member list is the source where it is available; elsewhere (the
 * Agents Playground, tests) the members named in the activity are used. The person who installs the bot is
 * recorded as an owner; nobody is ever demoted by a later sync.
 */

export function defaultTeam(id: TurnIdentity, conversation: ConversationRef, now: Date): TeamDoc {
  return {
    tenantId: id.tenantId,
    teamId: id.teamId,
    id: id.teamId,
    type: 'team',
    name: id.teamName,
    conversation,
    settings: {
      kThreshold: DEFAULT_K,
      timeZone: 'UTC',
      workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      pulseCadence: 'weekly',
    },
    createdAt: now.toISOString(),
  };
}

export function conversationRefOf(context: TurnContext, id: TurnIdentity): ConversationRef {
  const a = context.activity;
  return {
    channelId: a.channelId,
    serviceUrl: a.serviceUrl,
    conversationId: a.conversation.id,
    conversationType: id.conversationType,
    ...(a.recipient?.id ? { botId: a.recipient.id } : {}),
  };
}

/** Makes sure the team document exists and knows where to post; returns it. */
export async function ensureTeam(store: Store, context: TurnContext, id: TurnIdentity, now: Date): Promise<TeamDoc> {
  const ref = conversationRefOf(context, id);
  return store.teams.upsertWith(
    { tenantId: id.tenantId, teamId: id.teamId, id: id.teamId },
    () => defaultTeam(id, ref, now),
    (t) =>
      t.conversation?.conversationId === ref.conversationId && t.conversation.serviceUrl === ref.serviceUrl
        ? undefined
        : { ...t, conversation: ref },
  );
}

export async function upsertMember(
  store: Store,
  id: TurnIdentity,
  userId: string,
  displayName: string | undefined,
  role: MemberDoc['role'],
  now: Date,
): Promise<MemberDoc> {
  return store.members.upsertWith(
    { tenantId: id.tenantId, teamId: id.teamId, id: userId },
    () => ({
      tenantId: id.tenantId,
      teamId: id.teamId,
      id: userId,
      type: 'member',
      displayName: displayName ?? 'Member',
      role,
      joinedAt: now.toISOString(),
    }),
    (m) => {
      const nextRole = m.role === 'owner' || role === 'owner' ? 'owner' : 'member';
      // A missing name never overwrites a known one.
      const name = displayName ?? m.displayName;
      return m.displayName === name && m.role === nextRole ? undefined : { ...m, displayName: name, role: nextRole };
    },
  );
}

/** Makes sure the person taking part is on the roster (first person in an empty team becomes its owner). */
export async function ensureMember(store: Store, id: TurnIdentity, now: Date): Promise<MemberDoc> {
  const existing = await store.members.get({ tenantId: id.tenantId, teamId: id.teamId, id: id.userId });
  if (existing) return existing;
  const roster = await store.members.listByTeam(id.tenantId, id.teamId, 1);
  return upsertMember(store, id, id.userId, id.userName, roster.length === 0 ? 'owner' : 'member', now);
}

async function pagedMembers(context: TurnContext): Promise<ChannelAccount[] | undefined> {
  const out: ChannelAccount[] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await TeamsInfo.getPagedMembers(context, 500, token);
    out.push(...page.members);
    token = page.continuationToken;
    if (!token) return out;
  }
  return out;
}

/** Records the whole roster (install) or the members an update names. Returns how many entries were written. */
export async function recordRoster(
  store: Store,
  context: TurnContext,
  id: TurnIdentity,
  logger: Logger,
  now: Date,
  options: { install: boolean },
): Promise<number> {
  const botId = context.activity.recipient?.id;
  let members: ChannelAccount[] | undefined;
  if (options.install) {
    try {
      members = await pagedMembers(context);
    } catch (e) {
      logger.info({ err: e }, 'paged members not available here; using the members named in the activity');
    }
  }
  members ??= [...(context.activity.membersAdded ?? [])];
  let written = 0;
  for (const m of members) {
    if (!m.id || m.id === botId) continue;
    const userId = m.aadObjectId ?? m.id;
    await upsertMember(store, id, userId, m.name, 'member', now);
    written++;
  }
  if (options.install && context.activity.from?.id && context.activity.from.id !== botId) {
    await upsertMember(store, id, id.userId, id.userName, 'owner', now);
  }
  return written;
}
