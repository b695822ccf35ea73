import { MeResponse, TeamsListResponse } from '@humandebt/core';
import { useCallback } from 'react';
import type { ApiClient } from './api-client';
import { Preload } from './preload';
import { useResource, type Resource } from './use-resource';

export interface MeAndTeams {
  me: Resource<MeResponse> & { reload(): void };
  teams: Resource<TeamsListResponse> & { reload(): void };
  /** One Retry for the teams list that also reloads the identity when that failed too. */
  retry(): void;
}

/** Both first calls, started by the app's entry before React renders. */
export interface MeAndTeamsPreload {
  me: Preload<MeResponse>;
  teams: Preload<TeamsListResponse>;
}

const getMe = (api: ApiClient, signal?: AbortSignal) => api.getJson('/api/v1/me', MeResponse, { signal });
const getTeams = (api: ApiClient, signal?: AbortSignal) => api.getJson('/api/v1/teams', TeamsListResponse, { signal });

/** Starts /api/v1/me and /api/v1/teams at once, for `useMeAndTeams` to take over. */
export function preloadMeAndTeams(api: ApiClient): MeAndTeamsPreload {
  return { me: new Preload(getMe(api)), teams: new Preload(getTeams(api)) };
}

/**
 * The first two calls of both apps: who is signed in (/api/v1/me) and their teams (/api/v1/teams), each loaded once
 * per `api`. Both calls usually fail together (service down, sign-in), so one Retry brings both back.
 * With `preload`, the first render shows whatever of it is already in, and the requests are taken over, not repeated.
 */
export function useMeAndTeams(api: ApiClient, preload?: MeAndTeamsPreload): MeAndTeams {
  const loadMe = useCallback((signal: AbortSignal) => preload?.me.take() ?? getMe(api, signal), [api, preload]);
  const loadTeams = useCallback(
    (signal: AbortSignal) => preload?.teams.take() ?? getTeams(api, signal),
    [api, preload],
  );
  const me = useResource(loadMe, preload?.me.state);
  const teams = useResource(loadTeams, preload?.teams.state);

  const { status: meStatus, reload: reloadMe } = me;
  const { reload: reloadTeams } = teams;
  const retry = useCallback(() => {
    reloadTeams();
    if (meStatus === 'error') reloadMe();
  }, [meStatus, reloadMe, reloadTeams]);

  return { me, teams, retry };
}
