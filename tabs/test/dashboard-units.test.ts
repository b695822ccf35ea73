import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, round, toCsv } from '../src/dashboard/csv';
import { suppressionText } from '../src/dashboard/gated';
import { actionsCsv } from '../src/dashboard/views/ActionsView';
import { dynamicsCsv } from '../src/dashboard/views/DynamicsView';
import { orgCsv } from '../src/dashboard/views/OrgRollupView';
import { overviewCsv } from '../src/dashboard/views/OverviewView';
import { safetyCsv } from '../src/dashboard/views/PsychSafetyView';
import { createFormatters } from '../src/i18n/formatters';
import { parseRoute, routeHref } from '../src/routing/hash-route';
import { actions, dynamics, emptySummary, safety, smallSummary } from './support/dashboard-fixtures';

describe('csv', () => {
  it('quotes per RFC 4180, ends lines with CRLF and starts with a BOM', () => {
    expect(
      toCsv([
        ['a', 'b, c'],
        ['say "hi"', 'line\nbreak'],
      ]),
    ).toBe('\uFEFFa,"b, c"\r\n"say ""hi""","line\nbreak"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but keeps signed numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('-0.4')).toBe('-0.4');
    expect(csvCell(-0.4)).toBe('-0.4');
  });

  it('writes numbers with a dot and no grouping, rounded like the screen', () => {
    expect(round(42.349)).toBe(42.3);
    expect(round(0.125, 2)).toBe(0.13);
    expect(csvCell(1234.5)).toBe('1234.5');
  });

  it('names the file after the team, the view and the day', () => {
    expect(csvFileName('Platform Engineering', 'hazards', new Date('2026-11-26T10:00:00Z'))).toBe(
      'human-debt-platform-engineering-hazards-2026-11-26.csv',
    );
    expect(csvFileName('Équipe / Ops', 'overview', new Date('2026-11-26T10:00:00Z'))).toBe(
      'human-debt-equipe-ops-overview-2026-11-26.csv',
    );
  });

  it('never writes a number for a suppressed result, in any view', () => {
    const small = overviewCsv(smallSummary);
    expect(small).toContainEqual([
      'Human Debt index',
      'Index (0-100, higher = more debt)',
      '2026-W48',
      suppressionText(7),
    ]);
    expect(small).toContainEqual(['Component', 'Psychological safety', '', suppressionText(7)]);
    expect(small).toContainEqual(['Component', 'Overdue actions', '', 'Not shown while the index is hidden']);
    expect(safetyCsv(safety)).toContainEqual([
      'Edmondson score (1-7)',
      'Team score',
      '2026-W40',
      suppressionText(5),
      '',
      '',
    ]);
    expect(dynamicsCsv(dynamics)).toContainEqual(['Meaning', 'higher-is-better', '2026-W47', suppressionText(5), '']);
  });

  it('tells a team with no data to run its first pulse and retro', () => {
    expect(overviewCsv(emptySummary)).toEqual([
      ['Section', 'Item', 'Week', 'Value'],
      ['Status', 'No data yet', '', 'Run the first pulse and retro'],
    ]);
  });

  it('writes actions with owner, due, status, verdict, explanation and the interval', () => {
    const rows = actionsCsv(actions);
    expect(rows[1]).toEqual([
      'No-meeting Wednesday mornings',
      'Ben Okafor',
      '2026-12-04',
      'In progress',
      'no',
      'Workload and pace',
      'Improved',
      actions.actions[0]!.proof!.explanation,
      3.1,
      28,
      3.9,
      30,
      0.8,
      0.4,
      1.2,
    ]);
    expect(rows[2]!.slice(0, 7)).toEqual([
      'Rotate the on-call handover',
      'Carla Mendes',
      '2026-11-20',
      'Open',
      'yes',
      'Dependability',
      'Not enough evidence yet',
    ]);
  });
});

describe('hash routes', () => {
  it('parses my teams, a team with its view, the config page, and falls back on anything else', () => {
    expect(parseRoute('')).toEqual({ page: 'teams' });
    expect(parseRoute('#/')).toEqual({ page: 'teams' });
    expect(parseRoute('#/team/team-platform')).toEqual({ page: 'team', teamId: 'team-platform', view: 'overview' });
    expect(parseRoute('#/team/team%20x/hazards')).toEqual({ page: 'team', teamId: 'team x', view: 'hazards' });
    expect(parseRoute('#/team/t/unknown')).toEqual({ page: 'team', teamId: 't', view: 'overview' });
    expect(parseRoute('#/team/%E0%A4%A')).toEqual({ page: 'teams' });
    expect(parseRoute('#/config')).toEqual({ page: 'config' });
  });

  it('round-trips through routeHref', () => {
    for (const hash of ['#/', '#/config', '#/team/a%2Fb', '#/team/x/actions'])
      expect(routeHref(parseRoute(hash))).toBe(hash);
  });
});

describe('formatters for the dashboard', () => {
  it('formats decimals, signed effects and ISO weeks in the locale (weeks in UTC)', () => {
    const en = createFormatters('en-GB');
    expect(en.decimal(3.456)).toBe('3.5');
    expect(en.signed(0.8)).toBe('+0.8');
    expect(en.signed(-0.25, 2)).toBe('-0.25');
    expect(en.week('2026-W48')).toBe('23 Nov');
    expect(en.weekLong('2026-W01')).toBe('29 Dec 2025');
    expect(en.week('not-a-week')).toBe('not-a-week');
    const de = createFormatters('de-DE');
    expect(de.decimal(3.456)).toBe('3,5');
    expect(de.isoDate('2026-12-04')).toBe('04.12.2026');
  });
});

describe('org roll-up CSV', () => {
  it('lists every group of every measure, hidden ones as their suppression text and without a count', () => {
    const hidden = { suppressed: true as const, k: 5, reason: 'below-k' as const, message: 'Hidden.' };
    const rows = orgCsv({
      k: 5,
      asOfWeek: '2026-W48',
      metrics: [
        {
          key: 'psychological-safety',
          label: 'Psychological safety',
          unit: 'mean 1–7',
          direction: 'higher-is-better',
          tree: {
            id: 'tenant',
            label: 'Org',
            kind: 'tenant',
            teamCount: 2,
            result: { suppressed: false, k: 5, n: 12, value: { mean: 5.123 } },
            children: [{ id: 'unit:Eng', label: 'Eng', kind: 'unit', teamCount: 2, result: hidden, children: [] }],
          },
        },
      ],
    });
    expect(rows).toEqual([
      ['Measure', 'Group', 'Level', 'Value', 'People'],
      ['Psychological safety', 'Org', 'tenant', 5.1, '12'],
      ['Psychological safety', 'Eng', 'unit', suppressionText(5), ''],
    ]);
  });
});
