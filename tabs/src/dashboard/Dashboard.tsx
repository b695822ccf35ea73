import { Link, Spinner, Text } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, type ComponentType } from 'react';
import { type ApiClient, ApiError, useResource } from '@humandebt/web';
import { navigate, routeHref, type ViewKey } from '../routing/hash-route';
import { useDashboardStyles } from './dashboard.styles';
import { loaders } from './endpoints';
import { prefetchedSummaryState, takePrefetchedSummary } from './prefetch';
import { OverviewView } from './views/OverviewView';
import { ViewTabs } from './ViewTabs';

// The overview is part of this chunk so the dashboard's first screen needs one round trip; every other view (and
// its charts) loads on demand the first time its tab is chosen.
const PsychSafetyView = lazy(() => import('./views/PsychSafetyView'));
const DynamicsView = lazy(() => import('./views/DynamicsView'));
const HazardLedgerView = lazy(() => import('./views/HazardLedgerView'));
const MeetingLoadView = lazy(() => import('./views/MeetingLoadView'));
const ActionsView = lazy(() => import('./views/ActionsView'));
const OrgRollupView = lazy(() => import('./views/OrgRollupView'));

export const VIEW_LABEL: Readonly<Record<ViewKey, string>> = {
  overview: 'Overview',
  safety: 'Psychological safety',
  dynamics: 'Team dynamics',
  hazards: 'Hazard ledger',
  meetings: 'Meeting load',
  actions: 'Actions',
  org: 'Org roll-up',
};

const TEAM_VIEWS: Readonly<Partial<Record<ViewKey, ComponentType<{ api: ApiClient; teamId: string }>>>> = {
  safety: PsychSafetyView,
  dynamics: DynamicsView,
  hazards: HazardLedgerView,
  meetings: MeetingLoadView,
  actions: ActionsView,
};

// Once the service has said the org roll-up is not for this person (403: no org role) or not there (404), later
// dashboards in this page do not ask again.
let orgRollupMissing = false;
function probeOrgRollup(api: ApiClient, signal: AbortSignal) {
  if (orgRollupMissing) return Promise.reject(new Error('org roll-up not available'));
  return loaders.org(api, signal).catch((error: unknown) => {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) orgRollupMissing = true;
    throw error;
  });
}

export interface DashboardProps {
  api: ApiClient;
  teamId: string;
  view: ViewKey;
  /** The team's name when the caller already knows it (from "My teams"), shown until the summary answers. */
  teamName?: string | undefined;
  /** False in a channel tab, where the tab is one team's dashboard and has no "My teams" to go back to. */
  showBack?: boolean;
}

/** One team's Human Debt dashboard: a tab list of views, each view the one tab panel. */
export default function Dashboard({ api, teamId, view, teamName, showBack = true }: DashboardProps) {
  const styles = useDashboardStyles();
  const baseId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const loadSummary = useCallback(
    (signal: AbortSignal) => takePrefetchedSummary(teamId) ?? loaders.summary(api, teamId, signal),
    [api, teamId],
  );
  const summary = useResource(loadSummary, prefetchedSummaryState(teamId));
  // The org roll-up may not exist on this service yet: its tab appears only when the endpoint answers.
  // Asked once the summary has settled: the overview's first render does not share the network or the main thread
  // with a roll-up that only decides whether one more tab appears.
  const summarySettled = summary.status !== 'loading';
  const probeOrg = useCallback(
    (signal: AbortSignal) => (summarySettled ? probeOrgRollup(api, signal) : new Promise<never>(() => undefined)),
    [api, summarySettled],
  );
  const org = useResource(probeOrg);
  const orgAvailable = org.status === 'ready';

  // Opening a dashboard moves focus to its heading, so keyboard and screen-reader users land on the new page.
  useEffect(() => {
    headingRef.current?.focus();
  }, [teamId]);

  const views: ViewKey[] = [
    'overview',
    'safety',
    'dynamics',
    'hazards',
    'meetings',
    'actions',
    ...(orgAvailable ? (['org'] as const) : []),
  ];
  const current: ViewKey = view === 'org' && !orgAvailable ? (org.status === 'loading' ? 'org' : 'overview') : view;
  const name = summary.status === 'ready' ? summary.data.team.name : (teamName ?? 'Team dashboard');
  const tabId = (v: ViewKey) => `${baseId}-tab-${v}`;
  const panelId = `${baseId}-panel`;
  const TeamView = TEAM_VIEWS[current];

  return (
    <div className={styles.root}>
      <div className={styles.titleRow}>
        <Text as="h2" size={600} weight="semibold" className={styles.heading} tabIndex={-1} ref={headingRef}>
          {name}
        </Text>
        {showBack && <Link href={routeHref({ page: 'teams' })}>Back to my teams</Link>}
      </div>
      <div className={styles.tabs}>
        <ViewTabs
          label={`${name} dashboard views`}
          tabs={views.map((v) => ({ value: v, label: VIEW_LABEL[v] }))}
          selected={current}
          onSelect={(v) => navigate({ page: 'team', teamId, view: v })}
          tabId={tabId}
          panelId={panelId}
        />
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(current)} className={styles.panel}>
        <Suspense
          fallback={
            <Spinner size="small" labelPosition="after" label={`Loading ${VIEW_LABEL[current].toLowerCase()}…`} />
          }
        >
          {current === 'overview' && <OverviewView summary={summary} />}
          {TeamView && <TeamView key={`${teamId}-${current}`} api={api} teamId={teamId} />}
          {current === 'org' && orgAvailable && <OrgRollupView api={api} />}
        </Suspense>
      </div>
    </div>
  );
}
