// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorBody, FakeFetch } from '@humandebt/web/test-support';
import {
  actions,
  emptySummary,
  hazards,
  meetingLoad,
  safety,
  smallSummary,
  summary,
  suppressed,
} from './support/dashboard-fixtures';
import { dashboardRoutes, renderAt } from './support/render-dashboard';

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const BASE = '/api/v1/teams/team-platform';

/** jsdom's Blob has no text(): read it the way old browsers did. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** The view's own panel (the tab panel of the dashboard). */
async function panel() {
  return screen.findByRole('tabpanel');
}

describe('dashboard: overview', () => {
  it('opens from "My teams" by the team link and shows the index, components, top hazard, actions and last retro', async () => {
    const net = dashboardRoutes(new FakeFetch());
    renderAt('#/', net);
    const link = await screen.findByRole('link', { name: 'Platform' });
    expect(link.getAttribute('href')).toBe('#/team/team-platform');
    fireEvent.click(link);
    window.location.hash = '#/team/team-platform';
    window.dispatchEvent(new HashChangeEvent('hashchange'));

    expect(await screen.findByTestId('hd-index')).toHaveProperty('textContent', '42.3');
    // The heading of the team takes focus, so keyboard users land on the new page.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Platform'));
    const components = screen.getByRole('list', { name: 'Index components' });
    const items = within(components)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toBe('Workload and pace21.7 points');
    expect(items).toContain('Psychological safety12.4 points');
    expect(items).toContain('Focus timeFewer than 5 responses');
    expect(items).toContain('MeaningNo data yet');
    expect(screen.getByText('Workload is the big one this month.')).toBeTruthy();
    expect(screen.getByText('Too many interrupts (9 votes)')).toBeTruthy();
    expect(screen.getByText(/21 cards/)).toBeTruthy();
    // open = open + in progress + blocked
    expect(screen.getByText('open').previousElementSibling?.textContent).toBe('4');
    expect(screen.getByText('overdue').previousElementSibling?.textContent).toBe('1');
    // The trend's data table reads every week, the suppressed one as text.
    const trend = screen.getByRole('table', { name: 'Human Debt index, week by week (data)' });
    expect(within(trend).getByText('44.1')).toBeTruthy();
    expect(within(trend).getByText('Not shown (too few responses or no data)')).toBeTruthy();
  });

  it('has a data table for every chart, shown in place of the chart by "Show table"', async () => {
    renderAt('#/team/team-platform', dashboardRoutes(new FakeFetch()));
    await screen.findByTestId('hd-index');
    const figure = screen.getByRole('figure', { name: 'Human Debt index, week by week' });
    expect(within(figure).getByRole('img').getAttribute('aria-label')).toMatch(
      /^Human Debt index trend over 4 weeks: from 47\.5 .* to 42\.3 /,
    );
    const toggle = within(figure).getByRole('button', { name: 'Show table: Human Debt index, week by week' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(within(figure).queryByRole('img')).toBeNull();
    expect(within(figure).getByRole('table')).toBeTruthy();
  });

  it('formats numbers and weeks in the host locale', async () => {
    renderAt('#/team/team-platform', dashboardRoutes(new FakeFetch()), { locale: 'de-DE' });
    expect(await screen.findByTestId('hd-index')).toHaveProperty('textContent', '42,3');
    const trend = screen.getByRole('table', { name: 'Human Debt index, week by week (data)' });
    expect(within(trend).getByText('23.11.2026')).toBeTruthy();
  });

  it('shows suppression with the result’s own k and no number for a team below k', async () => {
    const net = dashboardRoutes(new FakeFetch()).on(`${BASE}/summary`, { body: smallSummary });
    renderAt('#/team/team-platform', net);
    const view = await panel();
    expect((await within(view).findAllByText('Fewer than 7 responses')).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('hd-index')).toBeNull();
    // No digit anywhere in the index card or the components list except the k in the suppression text.
    const components = screen.getByRole('list', { name: 'Index components' });
    expect(components.textContent?.replace(/Fewer than 7 responses/g, '')).not.toMatch(/\d/);
    expect(within(components).getByText('Not shown while the index is hidden')).toBeTruthy();
  });

  it('shows how to run the first pulse and retro for a team with no data', async () => {
    const net = dashboardRoutes(new FakeFetch()).on(`${BASE}/summary`, { body: emptySummary });
    renderAt('#/team/team-platform', net);
    expect(await screen.findByText('No data for New Team yet')).toBeTruthy();
    expect(screen.getByText('Run the first pulse:')).toBeTruthy();
    expect(screen.getByText('Run the first retro:')).toBeTruthy();
    expect(screen.queryByTestId('hd-index')).toBeNull();
  });

  it('shows the catalogue message for a team the caller is not a member of, and Retry loads again', async () => {
    const net = dashboardRoutes(new FakeFetch()).on(
      `${BASE}/summary`,
      { status: 403, body: errorBody('forbidden', 'You do not have access to this.', 'corr-9') },
      { body: summary },
    );
    renderAt('#/team/team-platform', net);
    expect(await screen.findByText('You do not have access to this.')).toBeTruthy();
    expect(screen.getByText('Overview could not be loaded')).toBeTruthy();
    expect(screen.getByText('Reference: corr-9')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('hd-index')).toBeTruthy();
  });
});

describe('dashboard: hazard ledger', () => {
  it('reads a number, the suppression text with k, or "Not asked" in every cell — never 0, never blank', async () => {
    renderAt('#/team/team-platform/hazards', dashboardRoutes(new FakeFetch()));
    const table = await screen.findByRole('table', { name: /Debt by hazard/ });
    const rows = within(table).getAllByRole('row');
    const cells = (name: string) => {
      const row = rows.find((r) => r.textContent?.startsWith(name))!;
      return within(row).getAllByRole('cell').slice(1);
    };
    expect(cells('Workload and pace').map((c) => c.textContent)).toEqual(['68.4high', '72.3high']);
    expect(cells('Support from the manager').map((c) => c.textContent)).toEqual([
      'Fewer than 5 responses',
      'Not asked',
    ]);
    expect(cells('Role clarity').map((c) => c.textContent)).toEqual(['Not asked', '19.5low']);
    expect(cells('Mean debt').map((c) => c.textContent)).toEqual(['68.4', '45.9']);
    for (const cell of within(table).getAllByRole('cell')) {
      expect(cell.textContent?.trim()).not.toBe('');
      expect(cell.textContent?.trim()).not.toBe('0');
    }
  });

  it('uses a tenant’s higher k in the suppression text', async () => {
    const raised = structuredClone(hazards);
    raised.weeks[0]!.cells.support = { status: 'measured', measuredWeek: '2026-W47', result: suppressed(8) };
    renderAt('#/team/team-platform/hazards', dashboardRoutes(new FakeFetch()).on(`${BASE}/hazards`, { body: raised }));
    expect(await screen.findByText('Fewer than 8 responses')).toBeTruthy();
  });
});

describe('dashboard: psychological safety', () => {
  it('shows the latest released score with its agreement, and each item’s wording with its distribution', async () => {
    renderAt('#/team/team-platform/safety', dashboardRoutes(new FakeFetch()));
    expect((await screen.findAllByText('5.4')).length).toBeGreaterThan(0);
    const latest = screen.getByText(/The team largely agrees on this\./);
    expect(latest.textContent).toBe('Strong agreement (rwg(J) 0.82): The team largely agrees on this.');
    expect(
      screen.getByRole('heading', {
        name: '1. If you make a mistake on this team, it is often held against you. (reverse-keyed)',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: '4. It is safe to take a risk on this team.' })).toBeTruthy();
    const item4 = screen.getByRole('table', { name: '4. It is safe to take a risk on this team. (data)' });
    expect(
      within(item4)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['Keyed scoreResponses', '10', '20', '31', '41', '52', '63', '71']);
    const overTime = screen.getByRole('table', { name: 'Psychological safety over time (data)' });
    expect(
      within(overTime)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'Week ofScore (1–7)Agreement',
      'Sep 28, 2026Fewer than 5 responsesFewer than 5 responses',
      'Nov 23, 20265.4Strong agreement',
    ]);
  });

  it('shows no score and no item distribution when the only check is suppressed', async () => {
    const hidden = { ...safety, checks: [{ week: '2026-W48', result: suppressed(6) }], pulse: [] };
    renderAt(
      '#/team/team-platform/safety',
      dashboardRoutes(new FakeFetch()).on(`${BASE}/psychological-safety`, { body: hidden }),
    );
    expect((await screen.findAllByText('Fewer than 6 responses')).length).toBeGreaterThan(0);
    expect(screen.queryByText('Strong agreement')).toBeNull();
    expect(screen.queryByRole('table', { name: /It is safe to take a risk on this team\. \(data\)/ })).toBeNull();
    // The wording is still there, so a manager knows what is asked.
    expect(screen.getByText('It is safe to take a risk on this team.')).toBeTruthy();
  });
});

describe('dashboard: team dynamics and meeting load', () => {
  it('shows each dynamic’s released means and suppressed weeks as text', async () => {
    renderAt('#/team/team-platform/dynamics', dashboardRoutes(new FakeFetch()));
    const table = await screen.findByRole('table', { name: 'Dependability (data)' });
    expect(within(table).getByText('5.2')).toBeTruthy();
    expect(
      within(screen.getByRole('table', { name: 'Meaning (data)' })).getByText('Fewer than 5 responses'),
    ).toBeTruthy();
  });

  it('shows the team’s meeting-load aggregates per week, k-gated', async () => {
    renderAt('#/team/team-platform/meetings', dashboardRoutes(new FakeFetch()));
    const hours = await screen.findByRole('table', { name: 'Hours in meetings (data)' });
    const rows = within(hours)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows[1]).toBe('Nov 16, 202617.2 h7');
    expect(rows[2]).toBe('Nov 23, 2026Fewer than 5 responsesFewer than 5 responses');
  });
});

describe('dashboard: actions and proof of action', () => {
  it('lists owner, due, status, target, verdict and the one-sentence explanation, with the interval in the data table', async () => {
    renderAt('#/team/team-platform/actions', dashboardRoutes(new FakeFetch()));
    const first = await screen.findByRole('article', { name: 'No-meeting Wednesday mornings' });
    expect(within(first).getByText('Owner: Ben Okafor')).toBeTruthy();
    expect(within(first).getByText('Due: Dec 4, 2026')).toBeTruthy();
    expect(within(first).getByText('In progress')).toBeTruthy();
    expect(within(first).getByText('Targets: Workload and pace (hazard)')).toBeTruthy();
    expect(within(first).getByText('Improved')).toBeTruthy();
    expect(within(first).getByText(actions.actions[0]!.proof!.explanation)).toBeTruthy();
    const data = within(first).getByRole('table', { name: 'Before and after (data)' });
    expect(within(data).getByText('+0.8')).toBeTruthy();
    expect(within(data).getByText('+0.4 to +1.2')).toBeTruthy();

    const second = screen.getByRole('article', { name: 'Rotate the on-call handover' });
    expect(within(second).getByText('Overdue')).toBeTruthy();
    expect(within(second).getByText('Not enough evidence yet')).toBeTruthy();
    expect(within(second).getByText(/1 of 4 weeks/)).toBeTruthy();
  });
});

describe('dashboard: CSV export', () => {
  let saved: {
    create: typeof URL.createObjectURL;
    revoke: typeof URL.revokeObjectURL;
    click: typeof HTMLAnchorElement.prototype.click;
  };
  let downloads: Array<{ name: string; blob: Blob }>;
  beforeEach(() => {
    saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, click: HTMLAnchorElement.prototype.click };
    downloads = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      const url = `blob:fake/${blobs.size}`;
      blobs.set(url, blob as Blob);
      return url;
    };
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, blob: blobs.get(this.href)! });
    };
  });
  afterEach(() => {
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
    HTMLAnchorElement.prototype.click = saved.click;
  });

  it('downloads exactly the hazard ledger as shown, suppressed cells as the suppression text', async () => {
    renderAt('#/team/team-platform/hazards', dashboardRoutes(new FakeFetch()));
    await screen.findByRole('table', { name: /Debt by hazard/ });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^human-debt-platform-hazards-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readBlob(downloads[0]!.blob);
    expect(text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Hazard,ISO 45003 group,2026-W47,2026-W48',
      'Workload and pace,How work is organised,68.4,72.3',
      'Support from the manager,Social factors,Fewer than 5 responses,Not asked',
      'Role clarity,How work is organised,Not asked,19.5',
      'Mean debt,,68.4,45.9',
      '',
    ]);
  });

  it('downloads the overview with the index, components, trend and actions, and no number for a suppressed component', async () => {
    renderAt('#/team/team-platform', dashboardRoutes(new FakeFetch()));
    await screen.findByTestId('hd-index');
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const lines = (await readBlob(downloads[0]!.blob)).split('\r\n');
    expect(lines).toContain('Human Debt index,"Index (0-100, higher = more debt)",2026-W48,42.3');
    expect(lines).toContain('Component,Focus time,,Fewer than 5 responses');
    expect(lines).toContain('Trend,Human Debt index,2026-W46,Not shown (too few responses or no data)');
    expect(lines).toContain('Actions,Overdue,,1');
  });

  it('downloads the meeting load with suppressed weeks as text in every column', async () => {
    renderAt(
      '#/team/team-platform/meetings',
      dashboardRoutes(new FakeFetch()).on(`${BASE}/meeting-load`, { body: meetingLoad }),
    );
    await screen.findByRole('table', { name: 'Hours in meetings (data)' });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const lines = (await readBlob(downloads[0]!.blob)).split('\r\n');
    expect(lines[1]).toBe('2026-W47,17.2,8.5,6,4.3,1.5,7');
    expect(lines[2]).toBe(`2026-W48,${Array(6).fill('Fewer than 5 responses').join(',')}`);
  });
});

describe('dashboard: views and keyboard', () => {
  it('moves between view tabs with the arrow keys, Home and End, and opens the focused one', async () => {
    const net = dashboardRoutes(new FakeFetch());
    renderAt('#/team/team-platform', net);
    await screen.findByTestId('hd-index');
    const tablist = screen.getByRole('tablist', { name: 'Platform dashboard views' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      'Overview',
      'Psychological safety',
      'Team dynamics',
      'Hazard ledger',
      'Meeting load',
      'Actions',
    ]);
    // Roving tabindex: only the selected tab is in the Tab order.
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[0]!.id);

    tabs[0]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(tabs[5]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tabs[5]);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[3]);
    // Focus alone does not switch views (manual activation); Enter on a button is a click.
    expect(tabs[3]!.getAttribute('aria-selected')).toBe('false');
    fireEvent.click(document.activeElement!);

    expect(await screen.findByRole('table', { name: /Debt by hazard/ })).toBeTruthy();
    expect(window.location.hash).toBe('#/team/team-platform/hazards');
    const selected = within(screen.getByRole('tablist')).getByRole('tab', { selected: true });
    expect(selected.textContent).toBe('Hazard ledger');
    expect(selected.tabIndex).toBe(0);
  });

  it('shows the org roll-up tab only when the service answers it', async () => {
    const net = dashboardRoutes(new FakeFetch()).on('/api/v1/org/rollup', {
      body: {
        k: 5,
        asOfWeek: '2026-W48',
        metrics: [
          {
            key: 'psychological-safety',
            label: 'Psychological safety (Edmondson, latest check)',
            unit: 'mean 1–7',
            direction: 'higher-is-better',
            tree: {
              id: 'tenant',
              label: 'Whole organisation',
              kind: 'tenant',
              teamCount: 2,
              result: { suppressed: false, k: 5, n: 11, value: { mean: 5.2 } },
              children: [
                {
                  id: 'unit:Engineering',
                  label: 'Engineering',
                  kind: 'unit',
                  teamCount: 1,
                  result: { suppressed: false, k: 5, n: 9, value: { mean: 5.5 } },
                  children: [
                    {
                      id: 'team:team-platform',
                      label: 'Platform',
                      kind: 'team',
                      teamCount: 1,
                      result: { suppressed: false, k: 5, n: 9, value: { mean: 5.5 } },
                      children: [],
                    },
                  ],
                },
                {
                  id: 'unit:Product',
                  label: 'Product',
                  kind: 'unit',
                  teamCount: 1,
                  result: suppressed(5),
                  children: [
                    {
                      id: 'team:team-design',
                      label: 'Design Studio',
                      kind: 'team',
                      teamCount: 1,
                      result: suppressed(5),
                      children: [],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    renderAt('#/team/team-platform/org', net);
    const table = await screen.findByRole('table', { name: 'Psychological safety (Edmondson, latest check)' });
    expect(within(table).getAllByText('5.5').length).toBe(2);
    expect(within(table).getAllByText('Fewer than 5 responses').length).toBe(2);
    expect(screen.getByRole('tab', { name: 'Org roll-up' })).toBeTruthy();
  });

  it('hides the org roll-up tab when the endpoint is not there (404)', async () => {
    const net = dashboardRoutes(new FakeFetch()).on('/api/v1/org/rollup', {
      status: 404,
      body: errorBody('not_found', 'Not found.'),
    });
    renderAt('#/team/team-platform', net);
    await screen.findByTestId('hd-index');
    await waitFor(() => expect(net.callsTo('/api/v1/org/rollup')).toHaveLength(1));
    expect(screen.queryByRole('tab', { name: 'Org roll-up' })).toBeNull();
  });
});
