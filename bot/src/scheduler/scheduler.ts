import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isoWeekOf, weekIndexOf, type Store, type TeamDoc } from '@humandebt/core';
import type { Config } from '../config';
import type { Pseudonyms } from '../pulse/pseudonyms';
import { attachment } from '../teams/cards/elements';
import { reminderCard } from '../teams/cards/reminder.card';
import { cardMessage, type Messenger } from '../teams/messenger';
import { sendPulse } from '../teams/team.handlers';

/**
 * Scheduled work: the weekly pulse of each team and the due-date reminders of actions. Every instance of the
 * service runs this loop; a job is done by whichever instance takes its lease (a lease document with an ETag, see
 * LeaseRepository), and its "done" record (processed.markOnce) makes sure it is not done again after the lease
 * expires. Inside a job each message has its own business key, so a job that died half-way resumes without sending
 * anything twice. Nothing is remembered in memory between ticks.
 */

export interface SchedulerDeps {
  store: Store;
  pseudonyms: Pseudonyms;
  messenger: Messenger;
  logger: Logger;
  /** The tenants this deployment serves (from config: the bot's tenant, the allow-list, or the local dev tenant). */
  tenants: () => readonly string[] | Promise<readonly string[]>;
  /** Identifies this instance in leases; defaults to a random id per process. */
  holder?: string;
  intervalMs?: number;
  now?: () => Date;
}

export interface TickReport {
  pulsesSent: number;
  remindersSent: number;
  jobsSkipped: number;
}

const LEASE_MS = 5 * 60_000;

/** The tenants one deployment serves: the bot's own tenant, the SSO allow-list, or the local dev tenant. */
export function schedulerTenants(config: Config): string[] {
  return [
    ...new Set(
      [config.bot.tenantId, ...(config.entra?.allowedTenants ?? []), config.localIdentity?.tenantId].filter(
        (t): t is string => Boolean(t),
      ),
    ),
  ];
}
const DONE_TTL_SECONDS = 60 * 86_400;

/** Local weekday (1 = Monday) and HH:mm of an instant in a time zone. */
export function localTime(now: Date, timeZone: string): { weekday: number; hhmm: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, hhmm: `${get('hour')}:${get('minute')}` };
}

/** The week whose pulse is due for this team now, or undefined (off, off-week for biweekly, or outside working time). */
export function pulseWeekDue(team: TeamDoc, now: Date): string | undefined {
  const s = team.settings;
  if (s.pulseCadence === 'off') return undefined;
  const week = isoWeekOf(now);
  if (s.pulseCadence === 'biweekly' && weekIndexOf(week) % 2 !== 0) return undefined;
  const local = localTime(now, s.timeZone);
  if (!s.workingHours.days.includes(local.weekday)) return undefined;
  if (local.hhmm < s.workingHours.start || local.hhmm >= s.workingHours.end) return undefined;
  return week;
}

/** Runs a job at most once across instances: lease, check "done", work, mark "done", release. */
async function onceAcross(
  deps: SchedulerDeps,
  holder: string,
  tenantId: string,
  teamId: string,
  job: string,
  nowMs: number,
  work: () => Promise<boolean>,
): Promise<boolean> {
  const doneKey = `job-done:${job}`;
  if (await deps.store.processed.get({ tenantId, teamId, id: doneKey })) return false;
  const lease = await deps.store.leases.tryAcquire(tenantId, job, holder, LEASE_MS, nowMs, teamId);
  if (!lease) return false;
  try {
    // Re-check under the lease: another instance may have finished between our read and our acquire.
    if (await deps.store.processed.get({ tenantId, teamId, id: doneKey })) return false;
    const complete = await work();
    if (complete) await deps.store.processed.markOnce(tenantId, teamId, doneKey, DONE_TTL_SECONDS);
    return true;
  } finally {
    await deps.store.leases.release(tenantId, job, holder, teamId);
  }
}

export async function runScheduledWork(deps: SchedulerDeps, holder: string, now: Date): Promise<TickReport> {
  const report: TickReport = { pulsesSent: 0, remindersSent: 0, jobsSkipped: 0 };
  const today = now.toISOString().slice(0, 10);
  for (const tenantId of await deps.tenants()) {
    const teams = await deps.store.teams.listByTenant(tenantId);
    for (const team of teams) {
      const week = pulseWeekDue(team, now);
      if (!week || !team.conversation) continue;
      const ran = await onceAcross(deps, holder, tenantId, team.teamId, `pulse:${week}`, now.getTime(), async () => {
        const r = await sendPulse(
          { store: deps.store, pseudonyms: deps.pseudonyms, messenger: deps.messenger },
          team,
          week,
        );
        report.pulsesSent += r.sent;
        if (r.failed)
          deps.logger.warn(
            { teamId: team.teamId, failed: r.failed },
            'some pulse messages failed; will retry next tick',
          );
        return r.failed === 0;
      });
      if (!ran) report.jobsSkipped++;
    }
    // Reminders: one per action and due date (moving the date earns a new reminder on the new date). One instance
    // at a time sends a tenant's reminders (a lease); the others skip this tick.
    const lease = await deps.store.leases.tryAcquire(tenantId, 'reminders', holder, LEASE_MS, now.getTime());
    if (!lease) {
      report.jobsSkipped++;
      continue;
    }
    try {
      await sendReminders(deps, tenantId, teams, today, report);
    } finally {
      await deps.store.leases.release(tenantId, 'reminders', holder);
    }
  }
  return report;
}

async function sendReminders(
  deps: SchedulerDeps,
  tenantId: string,
  teams: readonly TeamDoc[],
  today: string,
  report: TickReport,
): Promise<void> {
  const due = (await deps.store.actions.listDueOnOrBefore(tenantId, today)).filter(
    (a) => a.status === 'open' || a.status === 'in-progress' || a.status === 'blocked',
  );
  const byTeam = new Map(teams.map((t) => [t.teamId, t]));
  for (const action of due) {
    const team = byTeam.get(action.teamId);
    if (!team?.conversation) continue;
    const key = `reminder:${action.id}:${action.due}`;
    // The key is written once the reminder is out, so a crash mid-send means a resend, never a lost reminder.
    if (await deps.store.processed.get({ tenantId, teamId: action.teamId, id: key })) continue;
    try {
      await deps.messenger.toUser(
        team,
        action.ownerId,
        cardMessage(attachment(reminderCard(action, action.due < today))),
      );
    } catch (e) {
      deps.logger.warn({ err: e, actionId: action.id }, 'reminder not sent; will retry next tick');
      continue;
    }
    report.remindersSent++;
    await deps.store.processed.markOnce(tenantId, action.teamId, key, DONE_TTL_SECONDS);
  }
}

/**
 * Starts the loop. Ticks never overlap within one instance; across instances the leases decide. `stop()` waits for
 * a running tick to finish.
 */
export function startScheduler(deps: SchedulerDeps): { stop(): Promise<void>; tick(): Promise<TickReport> } {
  const holder = deps.holder ?? `instance-${randomUUID()}`;
  const intervalMs = deps.intervalMs ?? 60_000;
  let running: Promise<TickReport> | undefined;
  let stopped = false;
  const tick = (): Promise<TickReport> => {
    if (running) return running;
    running = runScheduledWork(deps, holder, deps.now?.() ?? new Date())
      .catch((e) => {
        deps.logger.error({ err: e }, 'scheduled work failed');
        return { pulsesSent: 0, remindersSent: 0, jobsSkipped: 0 };
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
