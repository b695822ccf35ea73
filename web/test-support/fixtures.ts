import type { ErrorResponse, MeResponse, TeamSummary } from '@humandebt/core';

export const localMe: MeResponse = {
  userId: 'dev-user',
  displayName: 'Ada Lovelace',
  tenantId: 'local',
  mode: 'local',
};
export const productionMe: MeResponse = {
  userId: 'u-1',
  displayName: 'Grace Hopper',
  tenantId: 't-1',
  mode: 'production',
};

export const platformTeam: TeamSummary = {
  teamId: 'team-platform',
  name: 'Platform',
  role: 'owner',
  orgUnit: 'Engineering',
  memberCount: 12,
  kThreshold: 5,
  belowThreshold: false,
};

/** A team smaller than its own k (7, not the default 5), so every figure of it is suppressed. */
export const designTeam: TeamSummary = {
  teamId: 'team-design',
  name: 'Design Studio',
  role: 'member',
  memberCount: 4,
  kThreshold: 7,
  belowThreshold: true,
};

export function errorBody(code: string, message: string, correlationId?: string): ErrorResponse {
  return { error: { code, message, ...(correlationId ? { correlationId } : {}) } };
}
