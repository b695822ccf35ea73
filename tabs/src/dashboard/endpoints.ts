import {
  ActionsResponse,
  DynamicsResponse,
  HazardLedgerResponse,
  OrgRollupResponse,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
} from '@humandebt/core';
import type { ApiClient } from '@humandebt/web';

/** Weeks of history every view asks for (the API default, said out loud so the CSV and the captions agree). */
export const DASHBOARD_WEEKS = 12;

const teamPath = (teamId: string, leaf: string): string =>
  `/api/v1/teams/${encodeURIComponent(teamId)}/${leaf}?weeks=${DASHBOARD_WEEKS}`;

export const loaders = {
  summary: (api: ApiClient, teamId: string, signal: AbortSignal) =>
    api.getJson(teamPath(teamId, 'summary'), TeamSummaryResponse, { signal }),
  safety: (api: ApiClient, teamId: string, signal: AbortSignal) =>
    api.getJson(teamPath(teamId, 'psychological-safety'), PsychologicalSafetyResponse, { signal }),
  dynamics: (api: ApiClient, teamId: string, signal: AbortSignal) =>
    api.getJson(teamPath(teamId, 'dynamics'), DynamicsResponse, { signal }),
  hazards: (api: ApiClient, teamId: string, signal: AbortSignal) =>
    api.getJson(teamPath(teamId, 'hazards'), HazardLedgerResponse, { signal }),
  meetings: (api: ApiClient, teamId: string, signal: AbortSignal) =>
    api.getJson(teamPath(teamId, 'meeting-load'), TeamMeetingLoadResponse, { signal }),
  actions: (api: ApiClient, teamId: string, signal: AbortSignal) =>
    api.getJson(teamPath(teamId, 'actions'), ActionsResponse, { signal }),
  org: (api: ApiClient, signal: AbortSignal) => api.getJson('/api/v1/org/rollup', OrgRollupResponse, { signal }),
};
