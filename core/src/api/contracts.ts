import * as z from 'zod/mini';

/**
 * REST contracts shared by the service (which validates what it sends and receives) and the tab / add-in clients
 * (which validate what they get back). Versioned under /api/v1.
 *
 * Written with zod/mini (same validation core and issues as zod, functional API): the browser apps load these
 * schemas on their first screen, and classic zod costs them ~25 ms to load and ~20 ms more to build the schemas
 * (measured in Chromium, cold loads). The service also configures zod's English messages (bot/src/config.ts).
 */

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  mode: z.enum(['local', 'production']),
  store: z.object({ kind: z.enum(['sqlite', 'cosmos']), ok: z.boolean() }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const MeResponse = z.object({
  userId: z.string(),
  displayName: z.string(),
  tenantId: z.string(),
  /** 'local' means the development identity of a loopback-only local run: the UI shows a "local demo" banner. */
  mode: z.enum(['local', 'production']),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const TeamSummary = z.object({
  teamId: z.string(),
  name: z.string(),
  /** The caller's role in this team. */
  role: z.enum(['owner', 'member']),
  orgUnit: z.optional(z.string()),
  memberCount: z.int().check(z.nonnegative()),
  /** The team's privacy threshold: aggregates of fewer people than this are never shown. */
  kThreshold: z.int().check(z.minimum(3)),
  /** True when the roster itself is smaller than k, so every aggregate of this team is suppressed. */
  belowThreshold: z.boolean(),
});
export type TeamSummary = z.infer<typeof TeamSummary>;

export const TeamsListResponse = z.object({ teams: z.array(TeamSummary) });
export type TeamsListResponse = z.infer<typeof TeamsListResponse>;

/** Every non-2xx answer of the API has this shape. `message` is from the error catalogue, never an exception text. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(z.string())),
    correlationId: z.optional(z.string()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Team agreements (read by the add-in to check meetings against the team's own rules)
// ---------------------------------------------------------------------------------------------------------------

const HHMM = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:mm'));

export const AgreementRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-meetings-after'), time: HHMM }),
  z.object({ kind: z.literal('no-meetings-before'), time: HHMM }),
  z.object({ kind: z.literal('focus-day'), weekday: z.int().check(z.minimum(1), z.maximum(7)) }),
  z.object({ kind: z.literal('max-attendees'), max: z.int().check(z.minimum(2), z.maximum(1000)) }),
  z.object({
    kind: z.literal('default-duration'),
    minutes: z.array(z.int().check(z.minimum(5), z.maximum(480))).check(z.minLength(1), z.maxLength(4)),
  }),
]);

export const AgreementsResponse = z.object({
  teamId: z.string(),
  agreements: z.array(
    z.object({ id: z.string(), title: z.string(), rule: AgreementRuleSchema, createdAt: z.string() }),
  ),
});
export type AgreementsResponse = z.infer<typeof AgreementsResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Opt-in meeting-load sharing from the add-in: numbers only, one complete week, one share per person and week
// ---------------------------------------------------------------------------------------------------------------

// zod 4 numbers are finite already (Infinity and NaN are refused), so classic zod's no-op .finite() has no mini twin.
const hours = z.number().check(z.minimum(0), z.maximum(168));
const count = z.int().check(z.minimum(0), z.maximum(2000));
const share = z.number().check(z.minimum(0), z.maximum(1));

/** Exactly the SHAREABLE_METRICS of the meeting-load engine; unknown keys are refused (nothing else may leave). */
export const ShareableMetricsSchema = z.strictObject({
  meetings: count,
  meetingHours: hours,
  workingTimeShare: z.number().check(z.minimum(0), z.maximum(5)),
  focusHours: hours,
  focusBlocks: count,
  lowFocusWeek: z.union([z.literal(0), z.literal(1)]),
  backToBackChains: count,
  backToBackHours: hours,
  longestChainMeetings: count,
  afterHoursHours: hours,
  conflicts: count,
  conflictShare: share,
  longMeetings: count,
  largeMeetings: count,
  recurringShare: share,
});

export const MeetingLoadShareRequest = z.strictObject({
  week: z.string().check(z.regex(/^\d{4}-W\d{2}$/, 'ISO week id such as 2026-W48')),
  metrics: ShareableMetricsSchema,
});
export type MeetingLoadShareRequest = z.infer<typeof MeetingLoadShareRequest>;

export const MeetingLoadShareResponse = z.object({
  status: z.enum(['accepted', 'duplicate']),
  week: z.string(),
  /** What was stored, in words, so the pane can show it back. */
  stored: z.string(),
});
export type MeetingLoadShareResponse = z.infer<typeof MeetingLoadShareResponse>;
