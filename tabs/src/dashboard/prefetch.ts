import type { TeamSummaryResponse } from '@humandebt/core';
import { type ApiClient, Preload, type Resource } from '@humandebt/web';
import { loaders } from './endpoints';

/**
 * The dashboard's first screen should not wait for the Teams handshake and the dashboard chunk before it even asks
 * for the summary: main.tsx starts the request at once and the dashboard takes it over. The answer is used at most
 * once; a retry or a later visit always asks again.
 */
const pending = new Map<string, Preload<TeamSummaryResponse>>();

export function prefetchSummary(api: ApiClient, teamId: string): Preload<TeamSummaryResponse> {
  let preload = pending.get(teamId);
  if (!preload) {
    preload = new Preload(loaders.summary(api, teamId, new AbortController().signal));
    pending.set(teamId, preload);
  }
  return preload;
}

/** What the dashboard's first render can show: the prefetched answer if it is already in. */
export function prefetchedSummaryState(teamId: string): Resource<TeamSummaryResponse> | undefined {
  return pending.get(teamId)?.state;
}

export function takePrefetchedSummary(teamId: string): Promise<TeamSummaryResponse> | undefined {
  const preload = pending.get(teamId);
  pending.delete(teamId);
  return preload?.take();
}
