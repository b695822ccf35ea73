import type { Activity } from 'botbuilder';

/** Who and where a turn is, read from the activity alone (nothing is remembered between turns). */
export interface TurnIdentity {
  tenantId: string;
  /** The team for a channel, otherwise the conversation (a group chat is its own "team"). */
  teamId: string;
  teamName: string;
  /** The user's Entra object id when Teams sends it (roster ids are these), else the channel user id. */
  userId: string;
  /** Not every client sends a name (the Agents Playground does not); the roster keeps the name Teams lists. */
  userName?: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string };
}

/** The tenant an activity names, or why it names none that may be acted on. */
export type ActivityTenant =
  | { readonly tenantId: string; readonly refused?: undefined }
  | { readonly tenantId?: undefined; readonly refused: 'tenant_missing' | 'tenant_mismatch' };

/**
 * Teams names the tenant twice, in `conversation.tenantId` and `channelData.tenant.id`. One activity is one tenant:
 * when both are present they must be the same string, otherwise the activity is refused. Checking the allow-list
 * against one field while the turn ran as the other let an allowed tenant's activity act on another tenant's data.
 */
export function activityTenant(activity: {
  readonly conversation?: { readonly tenantId?: unknown } | undefined;
  readonly channelData?: unknown;
}): ActivityTenant {
  const fromConversation: unknown = activity.conversation?.tenantId;
  const fromChannel: unknown = (activity.channelData as TeamsChannelData | undefined)?.tenant?.id;
  const named = [fromConversation, fromChannel].filter((t) => t !== undefined && t !== null);
  if (named.length === 0) return { refused: 'tenant_missing' };
  if (!named.every((t): t is string => typeof t === 'string' && t.length > 0)) return { refused: 'tenant_mismatch' };
  if (named.some((t) => t !== named[0])) return { refused: 'tenant_mismatch' };
  return { tenantId: named[0] as string };
}

export function turnIdentity(activity: Partial<Activity>, fallbackTenantId?: string): TurnIdentity | undefined {
  const cd = (activity.channelData ?? {}) as TeamsChannelData;
  const conversation = activity.conversation;
  const tenant = activityTenant(activity);
  // Local mode's clients (the Agents Playground) may name no tenant; there the development identity's applies.
  const tenantId = tenant.tenantId ?? (tenant.refused === 'tenant_missing' ? fallbackTenantId : undefined);
  if (!tenantId || !conversation?.id || !activity.from?.id) return undefined;
  const type =
    conversation.conversationType === 'channel' || cd.team?.id
      ? 'channel'
      : conversation.conversationType === 'groupChat' || conversation.isGroup
        ? 'groupChat'
        : 'personal';
  return {
    tenantId,
    teamId: safeKey(cd.team?.id ?? conversation.id),
    teamName: cd.team?.name ?? conversation.name ?? (type === 'personal' ? 'My chat' : 'This chat'),
    userId: activity.from.aadObjectId ?? activity.from.id,
    ...(activity.from.name ? { userName: activity.from.name } : {}),
    conversationType: type,
  };
}

/** Store keys are at most 255 characters; Teams ids can be long, so long ones are shortened deterministically. */
export function safeKey(id: string): string {
  if (id.length <= 200) return id;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return `${id.slice(0, 180)}~${(h >>> 0).toString(36)}`;
}
