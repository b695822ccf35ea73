import {
  ActionsResponse,
  DynamicsResponse,
  HazardLedgerResponse,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
} from '@humandebt/core';
import type { ApiClient, Schema } from '../api/api-client';

/** Weeks of history every view asks for (the API default, said out loud so the CSV and the captions agree). */
export const DASHBOARD_WEEKS = 12;

const teamPath = (teamId: string, leaf: string): string => `/api/v1/teams/${encodeURIComponent(teamId)}/${leaf}?weeks=${DASHBOARD_WEEKS}`;

export const loaders = {
  summary: (api: ApiClient, teamId: string, signal: AbortSignal) => api.getJson(teamPath(teamId, 'summary'), TeamSummaryResponse, { signal }),
  safety: (api: ApiClient, teamId: string, signal: AbortSignal) => api.getJson(teamPath(teamId, 'psychological-safety'), PsychologicalSafetyResponse, { signal }),
  dynamics: (api: ApiClient, teamId: string, signal: AbortSignal) => api.getJson(teamPath(teamId, 'dynamics'), DynamicsResponse, { signal }),
  hazards: (api: ApiClient, teamId: string, signal: AbortSignal) => api.getJson(teamPath(teamId, 'hazards'), HazardLedgerResponse, { signal }),
  meetings: (api: ApiClient, teamId: string, signal: AbortSignal) => api.getJson(teamPath(teamId, 'meeting-load'), TeamMeetingLoadResponse, { signal }),
  actions: (api: ApiClient, teamId: string, signal: AbortSignal) => api.getJson(teamPath(teamId, 'actions'), ActionsResponse, { signal }),
  org: (api: ApiClient, signal: AbortSignal) => api.getJson('/api/v1/org/rollup', OrgRollupSchema, { signal }),
};

/**
 * The org roll-up is not in core's contracts yet (it may come later). Until it is, the tab reads this minimal shape
 * and validates it by hand: each team with its index, gated exactly like every other aggregate. When core gains an
 * OrgRollupResponse schema, replace this with it.
 */
export interface OrgRollupTeam {
  teamId: string;
  name: string;
  orgUnit?: string;
  index: { suppressed: false; k: number; n: number; value: number } | { suppressed: true; k: number; reason: string; message: string };
}
export interface OrgRollupResponse {
  teams: OrgRollupTeam[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function parseRollupTeam(v: unknown): OrgRollupTeam | undefined {
  if (!isRecord(v) || typeof v.teamId !== 'string' || typeof v.name !== 'string' || !isRecord(v.index)) return undefined;
  const g = v.index;
  if (!isInt(g.k)) return undefined;
  const orgUnit = typeof v.orgUnit === 'string' ? { orgUnit: v.orgUnit } : {};
  if (g.suppressed === true && typeof g.message === 'string') {
    // Rebuilt field by field: a suppressed result that carried a number would not carry it any further.
    return { teamId: v.teamId, name: v.name, ...orgUnit, index: { suppressed: true, k: g.k, reason: String(g.reason ?? 'below-k'), message: g.message } };
  }
  if (g.suppressed === false && isInt(g.n) && typeof g.value === 'number') {
    return { teamId: v.teamId, name: v.name, ...orgUnit, index: { suppressed: false, k: g.k, n: g.n, value: g.value } };
  }
  return undefined;
}

export const OrgRollupSchema: Schema<OrgRollupResponse> = {
  safeParse(data) {
    if (!isRecord(data) || !Array.isArray(data.teams)) return { success: false };
    const teams: OrgRollupTeam[] = [];
    for (const t of data.teams) {
      const parsed = parseRollupTeam(t);
      if (!parsed) return { success: false };
      teams.push(parsed);
    }
    return { success: true, data: { teams } };
  },
};
