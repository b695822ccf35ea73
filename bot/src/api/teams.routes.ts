import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  ActionsResponse,
  AgreementsResponse,
  CommentsResponse,
  DEFAULT_COMMENT_THRESHOLD,
  gate,
  teamK,
  DashboardQuery,
  DomainError,
  DynamicsResponse,
  HazardLedgerResponse,
  MeetingLoadShareRequest,
  MeetingLoadShareResponse,
  TENANT_SCOPE,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
  ValidationError,
  addToMeetingLoadMetrics,
  addWeeks,
  dashboardActions,
  dashboardDynamics,
  dashboardHazards,
  dashboardMeetingLoad,
  dashboardPsychologicalSafety,
  dashboardSummary,
  isWeekId,
  isShareWeekOpen,
  isShareWeekPublished,
  lastPublishedPulseWeek,
  lookbackFrom,
  type DashboardInput,
  type MeetingLoadDoc,
  type Store,
  type TeamDoc,
} from '@humandebt/core';
import type * as z from 'zod/mini';
import type { Pseudonyms } from '../pulse/pseudonyms';

export interface TeamRoutesDeps {
  store: Store;
  pseudonyms: Pseudonyms;
  /** The tenant's k (config PRIVACY_K); a team's own setting can only raise it. */
  tenantK: number;
  /** Injected for tests and benchmarks; the real clock otherwise. */
  now?: () => Date;
}

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (h: Handler) => (req: Request, res: Response, next: NextFunction) => h(req, res).catch(next);

const TEAM_ID = /^[A-Za-z0-9._:~-]{1,128}$/;
/** Today's date in the team's time zone, YYYY-MM-DD. */
function todayIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * Team-scoped API: the dashboard views, the team's agreements, and opt-in meeting-load sharing. Every handler runs
 * AUTH (the caller, set by the v1 router) → access (a member of this team in the caller's own tenant; another
 * tenant's team is indistinguishable from a missing one: 404) → VALIDATION (zod) → RESOLUTION, and checks its own
 * response against the shared contract before sending it.
 */
export function teamRoutes(deps: TeamRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  /**
   * Who may read a team's dashboard: its members (the roster the bot records), and holders of the org role for the
   * team's org unit. `membersOnly` is for what only a member may do (sharing their own figures with the team).
   */
  async function access(req: Request, membersOnly = false): Promise<TeamDoc> {
    const teamId = String(req.params.teamId ?? '');
    if (!TEAM_ID.test(teamId))
      throw new ValidationError('Invalid team id.', ['teamId: letters, digits and . _ : ~ - only']);
    const { tenantId, userId } = req.caller!;
    const team = await deps.store.teams.get({ tenantId, teamId, id: teamId });
    if (!team) throw new DomainError('not_found', 'team not in caller tenant');
    if (await deps.store.members.get({ tenantId, teamId, id: userId })) return team;
    if (!membersOnly) {
      const grant = await deps.store.grants.get({ tenantId, teamId: TENANT_SCOPE, id: userId });
      const units = grant?.roles.includes('org-viewer') ? grant.orgUnits : [];
      if (units.includes('*') || (team.orgUnit !== undefined && units.includes(team.orgUnit))) return team;
    }
    throw new DomainError('forbidden', 'caller not on team roster');
  }

  function query(req: Request): DashboardQuery {
    const parsed = DashboardQuery.safeParse(req.query);
    if (!parsed.success)
      throw new ValidationError(
        'Invalid query.',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`),
      );
    return parsed.data;
  }

  async function load(team: TeamDoc, weeks: number): Promise<DashboardInput> {
    const at = now();
    // Only weeks whose collection has closed are shown: a figure that can still change can be differenced.
    const toWeek = lastPublishedPulseWeek(at);
    const from = lookbackFrom(toWeek, weeks);
    const { tenantId, id: teamId } = team;
    // O(weeks) small documents; never raw responses.
    const [rollups, meetingLoad, actions, lastRetro, roster] = await Promise.all([
      deps.store.rollups.listWeeks(tenantId, teamId, from, toWeek),
      deps.store.meetingLoad.listWeeks(tenantId, teamId, from, toWeek),
      deps.store.actions.listByTeam(tenantId, teamId),
      deps.store.retros.latest(tenantId, teamId),
      deps.store.members.listByTeam(tenantId, teamId),
    ]);
    const published = meetingLoad.filter((d) => isShareWeekPublished(d.week, at));
    return {
      team,
      memberCount: roster.length,
      toWeek,
      weeks,
      rollups,
      meetingLoad: published,
      actions,
      ...(lastRetro ? { lastRetro } : {}),
      today: todayIn(team.settings.timeZone, at),
      tenantK: deps.tenantK,
    };
  }

  const view = <S extends z.ZodMiniType>(path: string, schema: S, compute: (input: DashboardInput) => z.infer<S>) =>
    router.get(
      `/:teamId/${path}`,
      wrap(async (req, res) => {
        const team = await access(req);
        const { weeks } = query(req);
        res.setHeader('Cache-Control', 'private, no-store');
        res.json(schema.parse(compute(await load(team, weeks))));
      }),
    );

  view('summary', TeamSummaryResponse, dashboardSummary);
  view('psychological-safety', PsychologicalSafetyResponse, dashboardPsychologicalSafety);
  view('dynamics', DynamicsResponse, dashboardDynamics);
  view('hazards', HazardLedgerResponse, dashboardHazards);
  view('actions', ActionsResponse, dashboardActions);
  view('meeting-load', TeamMeetingLoadResponse, dashboardMeetingLoad);

  router.get(
    '/:teamId/comments',
    wrap(async (req, res) => {
      const team = await access(req);
      const { weeks } = query(req);
      const toWeek = lastPublishedPulseWeek(now());
      const threshold = Math.max(DEFAULT_COMMENT_THRESHOLD, teamK(team, deps.tenantK));
      const out: CommentsResponse['weeks'] = [];
      for (let w = addWeeks(toWeek, -(weeks - 1)); w <= toWeek; w = addWeeks(w, 1)) {
        const rollup = await deps.store.rollups.get({ tenantId: team.tenantId, teamId: team.id, id: w });
        if (!rollup || rollup.respondents === 0) continue;
        // Raw responses are read only when the week may be shown at all.
        const result = gate(rollup.respondents, () => null, threshold);
        if (result.suppressed) {
          out.push({ week: w, result: { ...result } });
          continue;
        }
        const responses = await deps.store.responses.listByPulse(team.tenantId, team.id, w);
        const comments = responses.flatMap((r) => (r.comment ? [r.comment] : [])).sort((a, b) => a.localeCompare(b));
        out.push({ week: w, result: { suppressed: false, k: threshold, n: rollup.respondents, value: { comments } } });
      }
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(
        CommentsResponse.parse({
          team: {
            teamId: team.id,
            name: team.name,
            kThreshold: teamK(team, deps.tenantK),
            memberCount: (await deps.store.members.listByTeam(team.tenantId, team.id)).length,
          },
          threshold,
          weeks: out,
        }),
      );
    }),
  );

  router.get(
    '/:teamId/agreements',
    wrap(async (req, res) => {
      const team = await access(req);
      const docs = await deps.store.agreements.listByTeam(team.tenantId, team.id);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(
        AgreementsResponse.parse({
          teamId: team.id,
          agreements: docs.map((a) => ({ id: a.id, title: a.title, rule: a.rule, createdAt: a.createdAt })),
        }),
      );
    }),
  );

  router.post(
    '/:teamId/meeting-load',
    wrap(async (req, res) => {
      const team = await access(req, true);
      const parsed = MeetingLoadShareRequest.safeParse(req.body);
      if (!parsed.success)
        throw new ValidationError(
          'Invalid meeting-load share.',
          parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
        );
      const { week, metrics } = parsed.data;
      // A finished week is shared during the week after it; then its team figures are published and stay fixed.
      if (!isWeekId(week) || !isShareWeekOpen(week, now())) {
        throw new ValidationError(
          'Only last week can be shared (until Monday noon UTC of this week, then it is published).',
          [`week: ${week}`],
        );
      }
      const { tenantId, userId } = req.caller!;
      // One share per person, team and week, under a pseudonym that cannot be linked to their pulse answers nor to
      // their shares with another team.
      const scope = `meeting-load:${week}`;
      const shareKey = deps.pseudonyms.teamRespondentKey(tenantId, team.id, scope, userId);
      const sharedAs = [shareKey, ...deps.pseudonyms.earlierRespondentKeys(tenantId, scope, userId)];
      let duplicate = false;
      const key = { tenantId, teamId: team.id, id: week };
      const initial = (): MeetingLoadDoc => ({
        ...key,
        type: 'meeting-load',
        week,
        sharers: 0,
        metrics: {},
        applied: [],
      });
      await deps.store.meetingLoad.upsertWith(key, initial, (doc) => {
        duplicate = (doc.applied ?? []).some((applied) => sharedAs.includes(applied));
        if (duplicate) return undefined;
        return {
          ...doc,
          sharers: doc.sharers + 1,
          metrics: addToMeetingLoadMetrics(doc.metrics, { week, metrics }),
          applied: [...(doc.applied ?? []), shareKey],
        };
      });
      res.status(duplicate ? 200 : 201).json(
        MeetingLoadShareResponse.parse({
          status: duplicate ? 'duplicate' : 'accepted',
          week,
          stored: duplicate
            ? `Your figures for ${week} were already shared; nothing changed.`
            : `Added your ${Object.keys(metrics).length} weekly figures for ${week} to ${team.name}'s totals. No titles, times or attendees were sent.`,
        }),
      );
    }),
  );

  return router;
}
