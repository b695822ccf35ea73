import { z } from 'zod';

/**
 * REST contracts shared by the service (which validates what it sends and receives) and the tab / add-in clients
 * (which validate what they get back). Versioned under /api/v1.
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
  orgUnit: z.string().optional(),
  memberCount: z.number().int().nonnegative(),
  /** The team's privacy threshold: aggregates of fewer people than this are never shown. */
  kThreshold: z.number().int().min(3),
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
    details: z.array(z.string()).optional(),
    correlationId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
