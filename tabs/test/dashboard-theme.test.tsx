// @vitest-environment jsdom
import { teamsDarkTheme, teamsHighContrastTheme, tokens } from '@fluentui/react-components';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostTheme } from '@humandebt/web';
import { FakeFetch } from '@humandebt/web/test-support';
import { chartPalette, debtStep } from '../src/dashboard/charts/chart-palette';
import { dashboardRoutes, renderAt } from './support/render-dashboard';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

function themeCss(): string {
  return [...document.head.querySelectorAll('style')]
    .flatMap((style) => [...(style.sheet?.cssRules ?? [])].map((rule) => rule.cssText))
    .join('\n');
}

/**
 * Which colours the trend chart uses. jsdom's CSS parser drops system-colour keywords from SVG styles, so the
 * chart says which palette it drew with; in a real browser the e2e test looks at the computed colours.
 */
function trendPalette(): string {
  return document.querySelector('figure svg')?.getAttribute('data-palette') ?? '';
}

describe('chart palette', () => {
  it('uses Fluent tokens in the default and dark themes and CSS system colours in high contrast', () => {
    expect(chartPalette('default').line).toBe(tokens.colorBrandForeground1);
    expect(chartPalette('dark')).toBe(chartPalette('default'));
    const contrast = chartPalette('contrast');
    expect(contrast.line).toBe('CanvasText');
    expect(contrast.bar).toBe('Highlight');
    expect(new Set(contrast.scale)).toEqual(new Set(['Canvas']));
  });

  it('maps debt 0–100 onto five steps', () => {
    expect([0, 19.9, 20, 59, 60, 80, 100].map(debtStep)).toEqual([0, 0, 1, 2, 3, 4, 4]);
  });
});

describe('dashboard in each Teams theme', () => {
  const cases: Array<[HostTheme, string, string]> = [
    ['default', 'light', 'fluent'],
    ['dark', 'dark', 'fluent'],
    ['contrast', 'dark', 'system'],
  ];
  it.each(cases)(
    'renders the overview in the %s theme with its colour scheme and chart colours',
    async (theme, scheme, palette) => {
      renderAt('#/team/team-platform', dashboardRoutes(new FakeFetch()), { theme });
      expect((await screen.findByTestId('hd-index')).textContent).toBe('42.3');
      const root = document.querySelector<HTMLElement>('.fui-FluentProvider');
      expect(root?.style.colorScheme).toBe(scheme);
      expect(trendPalette()).toBe(palette);
    },
  );

  it('follows a live switch to high contrast: Fluent variables and chart colours change without a reload', async () => {
    const { host } = renderAt('#/team/team-platform', dashboardRoutes(new FakeFetch()), { theme: 'default' });
    await screen.findByTestId('hd-index');
    host.setTheme('contrast');
    await waitFor(() =>
      expect(themeCss()).toContain(`--colorNeutralBackground1: ${teamsHighContrastTheme.colorNeutralBackground1}`),
    );
    expect(trendPalette()).toBe('system');
    host.setTheme('dark');
    await waitFor(() =>
      expect(themeCss()).toContain(`--colorNeutralBackground1: ${teamsDarkTheme.colorNeutralBackground1}`),
    );
    expect(trendPalette()).toBe('fluent');
  });
});
