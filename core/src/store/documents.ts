/**
 * Stored document shapes (docs/data-model.md). Both adapters keep exactly these shapes. Every document carries
 * tenantId, teamId, type and id; the adapters add `_etag`. Tenant-wide documents (leases, processed activities that
 * belong to no team, grants) use TENANT_SCOPE as their teamId so the partition key stays uniform.
 */

/** teamId used by documents that belong to the tenant rather than to one team. */
export const TENANT_SCOPE = '~tenant';

export type DocType =
  | 'team'
  | 'member'
  | 'retro'
  | 'action'
  | 'agreement'
  | 'response'
  | 'rollup'
  | 'meeting-load'
  | 'processed'
  | 'lease'
  | 'grant';

export interface BaseDoc {
  tenantId: string;
  teamId: string;
  id: string;
  type: DocType;
}

export type Stored<T> = T & { readonly _etag: string };

export interface DocKey {
  tenantId: string;
  teamId: string;
  id: string;
}

/** Where proactive messages go; recorded when the bot is installed in a conversation. */
export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  conversationId: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  botId?: string;
}

export interface WorkingHours {
  /** Local time, HH:mm. */
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
}

export interface TeamSettings {
  /** Minimum group size for any aggregate to leave the service (k). Default 5, tenant floor 3. */
  kThreshold: number;
  timeZone: string;
  workingHours: WorkingHours;
  pulseCadence: 'weekly' | 'biweekly' | 'off';
}

export interface TeamDoc extends BaseDoc {
  type: 'team';
  name: string;
  /** Optional org unit path for roll-ups, e.g. "engineering/platform". */
  orgUnit?: string;
  conversation?: ConversationRef;
  settings: TeamSettings;
  createdAt: string;
}

/** Roster entry the bot records on install and member changes; `id` is the member's Entra object id. */
export interface MemberDoc extends BaseDoc {
  type: 'member';
  displayName: string;
  role: 'owner' | 'member';
  joinedAt: string;
}

export type RetroPhase = 'opening' | 'collect' | 'group' | 'vote' | 'whys' | 'actions' | 'closed';

export interface RetroCard {
  id: string;
  column: string;
  text: string;
  /** Only for cards written openly. Anonymous cards have no author field at all, not an empty one. */
  authorId?: string;
  themeId?: string;
}

export interface RetroTheme {
  id: string;
  title: string;
  cardIds: string[];
}

export interface RetroDoc extends BaseDoc {
  type: 'retro';
  template: 'start-stop-continue' | 'mad-sad-glad' | '4ls' | 'last-three-disasters';
  phase: RetroPhase;
  facilitatorId: string;
  startedAt: string;
  closedAt?: string;
  cards: RetroCard[];
  themes: RetroTheme[];
  /** Votes per theme or card id; totals stay hidden until voting closes. */
  voteTotals: Record<string, number>;
  /** Votes used per voter, keyed by a pseudonym (HMAC), never the user id. */
  votesUsed: Record<string, number>;
  voteBudget: number;
  actionIds: string[];
  agreementIds: string[];
  /** Pseudonyms (HMAC per retro) of people who wrote cards: only their number is ever shown, never linked to cards. */
  contributors?: string[];
  /** HMAC(voter, retro, target) per vote cast: makes a second vote of one person on one item a no-op, atomically. */
  ballots?: string[];
  /** Five-whys chains on the top items (for "last three disasters": one per incident). */
  whys?: RetroWhyChain[];
  /** Opening review of the previous retro's open actions; drops need a team vote (pseudonyms per action). */
  review?: RetroReview[];
  /** Id of the shared retro card in the chat, so it can be updated in place. */
  cardActivityId?: string;
  /** While voting: when a vote last refreshed the shared card (its voter count), so such updates are throttled. */
  sharedCardAt?: string;
  /** Facilitators in order, newest last (ids of roster members; hand-over and leaving are recorded). */
  facilitatorHistory?: string[];
}

export interface RetroWhyChain {
  id: string;
  /** The theme or card this chain digs into. */
  targetId: string;
  title: string;
  /** Answers to "why?", level 1..5. */
  answers: string[];
  done: boolean;
}

export interface RetroReview {
  actionId: string;
  decision?: 'done' | 'blocked' | 'still-going' | 'dropped';
  /** Pseudonyms of people who voted to drop this action. */
  dropVotes: string[];
}

export type ActionStatus = 'open' | 'in-progress' | 'blocked' | 'done' | 'dropped';

export interface ActionTarget {
  kind: 'dimension' | 'hazard';
  key: string;
}

export interface ActionDoc extends BaseDoc {
  type: 'action';
  title: string;
  ownerId: string;
  ownerName: string;
  /** Calendar date, YYYY-MM-DD, in the team's time zone. */
  due: string;
  status: ActionStatus;
  target?: ActionTarget;
  sourceRetroId?: string;
  createdAt: string;
  startedAt?: string;
  doneAt?: string;
}

export type AgreementRule =
  | { kind: 'no-meetings-after'; time: string }
  | { kind: 'no-meetings-before'; time: string }
  | { kind: 'focus-day'; weekday: number }
  | { kind: 'max-attendees'; max: number }
  | { kind: 'default-duration'; minutes: number[] };

export interface AgreementDoc extends BaseDoc {
  type: 'agreement';
  title: string;
  rule: AgreementRule;
  sourceRetroId?: string;
  createdAt: string;
}

/**
 * One anonymous pulse answer. `id` is `${pulseId}:${respondentKey}` where respondentKey = HMAC(tenant secret,
 * pulseId + userId): it enforces one answer per person per pulse and cannot be reversed without the secret, which is
 * never stored beside the data. There is no user id field.
 */
export interface ResponseDoc extends BaseDoc {
  type: 'response';
  pulseId: string;
  respondentKey: string;
  /** ISO week of the pulse, e.g. 2026-W48. */
  week: string;
  itemBankVersion: string;
  /** Raw answers 1..7 by item id, as the person gave them (keying is applied when scoring). */
  answers: Record<string, number>;
  /** Only stored when the team is at or above the comment threshold; never with identifying metadata. */
  comment?: string;
}

/** Sufficient statistics of 1..7 answers: enough for mean, variance, Welch's test and the distribution. */
export interface Aggregate {
  n: number;
  sum: number;
  sumSq: number;
  /** Counts of answers 1..7 at index 0..6. */
  histogram: number[];
}

/**
 * One team's week of pulse answers, aggregated incrementally (`id` is the ISO week). Every dimension, category and
 * item of the week lives in this one document, whose size depends on the item bank, not on how many people
 * answered. A response and its fold into this document are written in one transaction (same partition), so an
 * answer is counted exactly when it is stored. A dashboard reads one small document per week, never raw responses.
 */
export interface RollupDoc extends BaseDoc {
  type: 'rollup';
  week: string;
  itemBankVersion: string;
  /** Keyed by item id, category key, or EDMONDSON_RESPONDENT_MEAN for the full check's respondent means. */
  aggregates: Record<string, Aggregate>;
  /** Responses folded in (one per person: the pulse is weekly and a person answers it once). */
  respondents: number;
}

export interface MetricSums {
  n: number;
  sum: number;
  sumSq: number;
}

/** Opt-in weekly meeting-load aggregate shared from the add-in. `id` is the week. No titles, no times, no people. */
export interface MeetingLoadDoc extends BaseDoc {
  type: 'meeting-load';
  week: string;
  /** Number of people who shared their figures for this week. */
  sharers: number;
  metrics: Record<string, MetricSums>;
  /** Pseudonymous share keys already counted (one share per person and week; a second one changes nothing). */
  applied?: string[];
}

/** Idempotency record: an activity id or business key already handled. Expires after ttlSeconds. */
export interface ProcessedDoc extends BaseDoc {
  type: 'processed';
  processedAt: string;
  ttlSeconds: number;
}

/** Single-run lease for scheduled work; `id` is the job name. */
export interface LeaseDoc extends BaseDoc {
  type: 'lease';
  holder: string;
  /** Epoch milliseconds after which another instance may take the lease. */
  expiresAt: number;
}

/**
 * A role granted in a tenant: 'org-viewer' may see the org roll-up for the listed org units ('*' = all);
 * 'tenant-admin' may use the data-rights API (export or delete a user's data, offboard the tenant).
 * Tenant-wide: teamId is TENANT_SCOPE, id is the user's Entra object id.
 */
export type TenantRole = 'org-viewer' | 'tenant-admin';

export interface GrantDoc extends BaseDoc {
  type: 'grant';
  roles: TenantRole[];
  orgUnits: string[];
  grantedBy: string;
  grantedAt: string;
}

export interface DocByType {
  team: TeamDoc;
  member: MemberDoc;
  retro: RetroDoc;
  action: ActionDoc;
  agreement: AgreementDoc;
  response: ResponseDoc;
  rollup: RollupDoc;
  'meeting-load': MeetingLoadDoc;
  processed: ProcessedDoc;
  lease: LeaseDoc;
  grant: GrantDoc;
}
