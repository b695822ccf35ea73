import type { AgreementRule } from '@humandebt/core';
import type { TeamAgreement } from '../meeting-load/appointment-impact';

/**
 * The two service calls the handlers make (my teams, each team's agreements), checked by hand instead of with the
 * zod contracts: the handler bundle has a 30 KB budget and zod alone is ~26 KB. Rules are validated again by the
 * engine (validateAgreements), which skips malformed ones rather than failing.
 */
export interface ServiceClientOptions {
  fetch: typeof fetch;
  /** The service origin, e.g. https://humandebt.contoso.example; '' for the page's own origin. */
  origin: string;
  getToken(): Promise<string | undefined>;
}

const RULE_KINDS = new Set([
  'no-meetings-after',
  'no-meetings-before',
  'focus-day',
  'max-attendees',
  'default-duration',
]);

async function getJson(path: string, options: ServiceClientOptions, token: string | undefined): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const response = await options.fetch(`${options.origin}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
  return response.json();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function fetchTeamAgreements(options: ServiceClientOptions): Promise<TeamAgreement[]> {
  const token = await options.getToken();
  const teamsBody = await getJson('/api/v1/teams', options, token);
  const teams = isObject(teamsBody) && Array.isArray(teamsBody['teams']) ? teamsBody['teams'] : [];
  const lists = await Promise.all(
    teams.filter(isObject).map(async (team): Promise<TeamAgreement[]> => {
      const teamId = team['teamId'];
      const teamName = typeof team['name'] === 'string' ? team['name'] : 'your team';
      if (typeof teamId !== 'string') return [];
      // One team's agreements failing (or the endpoint not there yet) does not hide the others'.
      const body = await getJson(`/api/v1/teams/${encodeURIComponent(teamId)}/agreements`, options, token).catch(
        () => undefined,
      );
      const agreements = isObject(body) && Array.isArray(body['agreements']) ? body['agreements'] : [];
      return agreements.filter(isObject).flatMap((a) => {
        const rule = a['rule'];
        if (!isObject(rule) || !RULE_KINDS.has(String(rule['kind']))) return [];
        return [
          {
            teamName,
            title: typeof a['title'] === 'string' ? a['title'] : String(rule['kind']),
            rule: rule as unknown as AgreementRule,
          },
        ];
      });
    }),
  );
  return lists.flat();
}
