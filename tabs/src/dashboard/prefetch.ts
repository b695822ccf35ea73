import type { TeamSummaryResponse } from '@humandebt/core';
import type { ApiClient } from '@humandebt/web';
import { loaders } from './endpoints';

/**
 * A deep link to a dashboard (/tab/#/team/<id>) should not wait for the Teams handshake and the dashboard chunk
 * before it even asks for the summary: main.tsx starts the request at once and the dashboard takes it over. The
 * answer is used at most once; a retry or a later visit always asks again.
 */
const pending = new Map<string, Promise<TeamSummaryResponse>>();

export function prefetchSummary(api: ApiClient, teamId: string): void {
  if (pending.has(teamId)) return;
  const request = loaders.summary(api, teamId, new AbortController().signal);
  request.catch(() => undefined); // an early failure is reported when the dashboard takes the request over
  pending.set(teamId, request);
}

export function takePrefetchedSummary(teamId: string): Promise<TeamSummaryResponse> | undefined {
  const request = pending.get(teamId);
  pending.delete(teamId);
  return request;
}
