import * as z from 'zod/mini';

/**
 * Response contracts of the team dashboard API (GET /api/v1/teams/:teamId/…), shared by the service and the tab.
 * Every aggregate is `Gated`: either released with the number of people behind it (≥ k) or suppressed with a
 * message and no number at all — `.strict()` makes a suppressed result that carries any extra field a contract
 * violation, so a leak fails the service's own response validation. zod/mini: see contracts.ts.
 */

export const SuppressedSchema = z.strictObject({
  suppressed: z.literal(true),
  k: z.int().check(z.minimum(3)),
  reason: z.enum(['below-k', 'complementary', 'would-reveal-smaller-group', 'invalid-count']),
  message: z.string(),
});

export function gatedSchema<T extends z.ZodMiniType>(value: T) {
  return z.union([
    z.strictObject({
      suppressed: z.literal(false),
      k: z.int().check(z.minimum(3)),
      n: z.int().check(z.minimum(3)),
      value,
    }),
    SuppressedSchema,
  ]);
}

const WEEK = z.string().check(z.regex(/^\d{4}-W\d{2}$/));
const Mean = z.strictObject({ mean: z.number() });

/** Query string of every dashboard endpoint: how many weeks back from the current week (default 12). */
export const DashboardQuery = z.strictObject({
  weeks: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(104)), 12),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const TeamRef = z.object({
  teamId: z.string(),
  name: z.string(),
  kThreshold: z.int().check(z.minimum(3)),
  memberCount: z.int().check(z.minimum(0)),
});

export const IndexComponentSchema = z.object({
  key: z.string(),
  group: z.enum(['psychological-safety', 'team-dynamics', 'hazards', 'meeting-load', 'overdue-actions']),
  label: z.string(),
  status: z.enum(['included', 'missing', 'suppressed']),
  transform: z.string(),
  input: z.optional(z.object({ value: z.number(), unit: z.string() })),
  debt: z.optional(z.number()),
  weight: z.number(),
  contribution: z.number(),
});

export const HumanDebtIndexSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    version: z.string(),
    k: z.int(),
    index: z.number().check(z.minimum(0), z.maximum(100)),
    groups: z.array(
      z.object({
        group: z.string(),
        baseWeight: z.number(),
        weight: z.number(),
        debt: z.optional(z.number()),
        contribution: z.number(),
      }),
    ),
    components: z.array(IndexComponentSchema),
  }),
  // 'suppressed': there are answers, but no component about people reaches k; the index is not shown at all.
  z.object({
    available: z.literal(false),
    version: z.string(),
    k: z.int(),
    reason: z.enum(['no-data', 'suppressed']),
    message: z.string(),
    components: z.array(IndexComponentSchema),
  }),
]);

export const ActionCounts = z.object({
  total: z.int(),
  open: z.int(),
  inProgress: z.int(),
  blocked: z.int(),
  done: z.int(),
  overdue: z.int(),
});

export const TeamSummaryResponse = z.object({
  team: TeamRef,
  range: z.object({ fromWeek: WEEK, toWeek: WEEK }),
  /** The index now: each category's latest measurement in the last four weeks. */
  index: HumanDebtIndexSchema,
  /** One point per week, same rule on a trailing four-week window; null when nothing could be shown that week. */
  trend: z.array(z.object({ week: WEEK, index: z.nullable(z.number()) })),
  /** The hazard that weighs most now, when any hazard can be shown. */
  topHazard: z.nullable(z.object({ key: z.string(), label: z.string(), debt: z.number(), sentence: z.string() })),
  actions: ActionCounts,
  lastRetro: z.nullable(
    z.object({
      id: z.string(),
      template: z.string(),
      closedAt: z.optional(z.string()),
      startedAt: z.string(),
      themes: z.array(z.object({ title: z.string(), votes: z.int() })),
      actionCount: z.int(),
      cardCount: z.int(),
    }),
  ),
  /** True when there is no pulse data at all yet: the tab shows how to run the first pulse and retro. */
  empty: z.boolean(),
});
export type TeamSummaryResponse = z.infer<typeof TeamSummaryResponse>;

export const PsychologicalSafetyResponse = z.object({
  team: TeamRef,
  range: z.object({ fromWeek: WEEK, toWeek: WEEK }),
  /** Edmondson (1999), seven items; items 1, 3, 5 reverse-keyed. */
  items: z.array(z.object({ itemId: z.string(), number: z.int(), text: z.string(), reverse: z.boolean() })),
  /** Weeks with a full check. */
  checks: z.array(
    z.object({
      week: WEEK,
      result: gatedSchema(
        z.strictObject({
          mean: z.number(),
          respondentSd: z.nullable(z.number()),
          rwgJ: z.nullable(z.number()),
          agreement: z.enum(['strong', 'moderate', 'weak', 'none', 'unknown']),
          agreementSentence: z.string(),
          items: z.array(
            z.strictObject({
              itemId: z.string(),
              mean: z.number(),
              rwg: z.nullable(z.number()),
              histogram: z.array(z.int()).check(z.length(7)),
            }),
          ),
        }),
      ),
    }),
  ),
  /** The weekly pulse's short psychological-safety items, by week measured. */
  pulse: z.array(z.object({ week: WEEK, result: gatedSchema(Mean) })),
});
export type PsychologicalSafetyResponse = z.infer<typeof PsychologicalSafetyResponse>;

export const CategorySeries = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['dimension', 'hazard']),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  /** Only weeks in which the category was asked (the rotation asks each about once in four weeks). */
  weeks: z.array(z.object({ week: WEEK, result: gatedSchema(Mean) })),
});

export const DynamicsResponse = z.object({
  team: TeamRef,
  range: z.object({ fromWeek: WEEK, toWeek: WEEK }),
  dimensions: z.array(CategorySeries),
});
export type DynamicsResponse = z.infer<typeof DynamicsResponse>;

export const HazardLedgerResponse = z.object({
  team: TeamRef,
  range: z.object({ fromWeek: WEEK, toWeek: WEEK }),
  hazards: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      iso45003: z.string(),
      who2022: z.array(z.string()),
      csaZ1003: z.array(z.string()),
    }),
  ),
  /** Debt (0–100) by hazard and week; a cell carries the latest measurement no older than three weeks. */
  weeks: z.array(
    z.object({
      week: WEEK,
      cells: z.record(
        z.string(),
        z.union([
          z.strictObject({ status: z.literal('not-measured') }),
          z.strictObject({
            status: z.literal('measured'),
            measuredWeek: WEEK,
            result: gatedSchema(z.strictObject({ mean: z.number(), debt: z.number() })),
          }),
        ]),
      ),
      meanDebt: z.nullable(z.number()),
    }),
  ),
});
export type HazardLedgerResponse = z.infer<typeof HazardLedgerResponse>;

const windowEvidence = { fromWeek: WEEK, toWeek: WEEK, weeksUsable: z.int(), weeksNeeded: z.int() };
const WindowEvidence = z.strictObject(windowEvidence);
const MeasuredWindow = z.strictObject({ ...windowEvidence, n: z.int(), mean: z.number(), sd: z.number() });

export const ProofSchema = z.discriminatedUnion('state', [
  z.strictObject({
    state: z.literal('not-enough-evidence'),
    explanation: z.string(),
    before: WindowEvidence,
    after: WindowEvidence,
  }),
  z.strictObject({
    state: z.enum(['improved', 'no-detectable-change', 'worsened']),
    explanation: z.string(),
    direction: z.enum(['higher-is-better', 'lower-is-better']),
    before: MeasuredWindow,
    after: MeasuredWindow,
    effect: z.strictObject({ difference: z.number(), lower: z.number(), upper: z.number(), confidence: z.number() }),
  }),
]);

export const ActionsResponse = z.object({
  team: TeamRef,
  actions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      ownerName: z.string(),
      due: z.string(),
      status: z.enum(['open', 'in-progress', 'blocked', 'done', 'dropped']),
      overdue: z.boolean(),
      target: z.nullable(z.object({ kind: z.enum(['dimension', 'hazard']), key: z.string(), label: z.string() })),
      startedAt: z.nullable(z.string()),
      sourceRetroId: z.nullable(z.string()),
      /** Null when the action targets nothing measurable or has not started. */
      proof: z.nullable(ProofSchema),
    }),
  ),
});
export type ActionsResponse = z.infer<typeof ActionsResponse>;

export const MeetingLoadFigures = z.strictObject({
  meetingHours: z.number(),
  focusHours: z.number(),
  backToBackChains: z.number(),
  backToBackHours: z.number(),
  afterHoursHours: z.number(),
});

export const TeamMeetingLoadResponse = z.object({
  team: TeamRef,
  range: z.object({ fromWeek: WEEK, toWeek: WEEK }),
  /** Per-person weekly averages over the people who opted in to share; n is the number of sharers. */
  weeks: z.array(z.object({ week: WEEK, result: gatedSchema(MeetingLoadFigures) })),
});
export type TeamMeetingLoadResponse = z.infer<typeof TeamMeetingLoadResponse>;

export interface OrgNode {
  id: string;
  label: string;
  kind: 'tenant' | 'unit' | 'team';
  teamCount: number;
  result: z.infer<ReturnType<typeof gatedSchema<typeof Mean>>>;
  children: OrgNode[];
}

export const OrgNodeSchema: z.ZodMiniType<OrgNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    label: z.string(),
    kind: z.enum(['tenant', 'unit', 'team']),
    teamCount: z.int(),
    result: gatedSchema(Mean),
    children: z.array(OrgNodeSchema),
  }),
);

/** GET /api/v1/org/rollup: for holders of the org role only. Each metric has its own tree and suppression plan. */
export const OrgRollupResponse = z.object({
  k: z.int().check(z.minimum(3)),
  asOfWeek: WEEK,
  metrics: z.array(
    z.object({
      key: z.enum(['psychological-safety', 'workload-pace', 'meeting-hours']),
      label: z.string(),
      unit: z.string(),
      direction: z.enum(['higher-is-better', 'lower-is-better']),
      tree: OrgNodeSchema,
    }),
  ),
});
export type OrgRollupResponse = z.infer<typeof OrgRollupResponse>;

/**
 * GET /api/v1/teams/:teamId/comments: free-text pulse comments, only for weeks where at least the comment threshold
 * (default 10, and never below k) answered; sorted alphabetically so neither order nor time hints at an author.
 */
export const CommentsResponse = z.object({
  team: TeamRef,
  threshold: z.int().check(z.minimum(3)),
  weeks: z.array(z.object({ week: WEEK, result: gatedSchema(z.strictObject({ comments: z.array(z.string()) })) })),
});
export type CommentsResponse = z.infer<typeof CommentsResponse>;
