import { MeResponse, TeamsListResponse } from '@humandebt/core';
import { useCallback } from 'react';
import type { ApiClient } from './api-client';
import { useResource, type Resource } from './use-resource';

export interface MeAndTeams {
  me: Resource<MeResponse> & { reload(): void };
  teams: Resource<TeamsListResponse> & { reload(): void };
  /** One Retry for the teams list that also reloads the identity when that failed too. */
  retry(): void;
}

/**
 * The first two calls of both apps: who is signed in (/api/v1/me) and their teams (/api/v1/teams), each loaded once
 * per `api`. Both calls usually fail together (service down, sign-in), so one Retry brings both back.
 */
export function useMeAndTeams(api: ApiClient): MeAndTeams {
  const loadMe = useCallback((signal: AbortSignal) => api.getJson('/api/v1/me', MeResponse, { signal }), [api]);
  const loadTeams = useCallback((signal: AbortSignal) => api.getJson('/api/v1/teams', TeamsListResponse, { signal }), [api]);
  const me = useResource(loadMe);
  const teams = useResource(loadTeams);

  const { status: meStatus, reload: reloadMe } = me;
  const { reload: reloadTeams } = teams;
  const retry = useCallback(() => {
    reloadTeams();
    if (meStatus === 'error') reloadMe();
  }, [meStatus, reloadMe, reloadTeams]);

  return { me, teams, retry };
}
