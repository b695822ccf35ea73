import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../../bot/test/support';
import { chromiumMissing, launchChromium, newPage } from '../support/browser';
import { requires } from '../support/requirements';

/**
 * The team dashboard of the built tab (`npm run build --workspace=tabs`; test/support/global-setup.ts builds it when
 * it is missing), served by the real service in local mode with the seeded demo data, driven in Debian Chromium:
 * numbers where the data allow, suppression where it must be, the three Teams themes, the keyboard path and the CSV
 * download.
 */
const tabDist = fileURLToPath(new URL('../../tabs/dist', import.meta.url));

// teams-js fetches a valid-domains list from Microsoft's CDN (no network here), and the org roll-up probe may
// answer 404 until that endpoint exists: both show up as "Failed to load resource" and are expected.
const EXPECTED_CONSOLE = /res\.cdn\.office\.net|ERR_NAME_NOT_RESOLVED|Failed to load resource/i;

describe('team dashboard in Chromium (local mode, demo data)', () => {
  const ready = requires(chromiumMissing, { ci: 'fail' });
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  const problems: string[] = [];

  const open = async (path: string): Promise<Page> => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !EXPECTED_CONSOLE.test(m.text())) problems.push(`${path}: ${m.text()}`);
    });
    await page.goto(`${svc.url}${path}`);
    return page;
  };

  const indexText = (page: Page) => page.getByTestId('hd-index').textContent();

  beforeAll(async () => {
    if (!ready) return;
    svc = await startTestService({}, { staticRoots: { tab: tabDist, addin: tabDist } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('Platform Engineering: opens from My teams with an index number, and its hazard ledger has numbers', async () => {
    const page = await open('/tab/');
    await page.getByRole('link', { name: 'Platform Engineering' }).click();
    await page.waitForURL(/#\/team\/team-platform$/);
    expect(await indexText(page)).toMatch(/^\d{1,3}\.\d$/);
    await expect
      .poll(() =>
        page
          .getByRole('list', { name: 'Index components' })
          .getByText(/points$/)
          .count(),
      )
      .toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Hazard ledger' }).click();
    const ledger = page.getByRole('table', { name: /Debt by hazard/ });
    await ledger.waitFor();
    const cells = await ledger.getByRole('cell').allTextContents();
    expect(cells.some((c) => /^\d{1,3}\.\d/.test(c))).toBe(true);
    // Never an empty or zero cell: a number, "Not asked", the suppression text, or a hazard name.
    for (const c of cells) expect(c.trim()).not.toMatch(/^0?$/);
    await page.close();
  });

  it('Design Studio (below k): shows the suppression text and no number at all', async () => {
    const page = await open('/tab/#/team/team-design');
    await expect.poll(() => page.getByText('Fewer than 5 responses').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('hd-index').count()).toBe(0);
    const indexCard = page.getByRole('heading', { name: 'Human Debt index', exact: true }).locator('..');
    const card = await indexCard.innerText();
    expect(card).toContain('Fewer than 5 responses');
    // The only number in the card is k itself (in the suppression text and the service's message).
    expect(card.replace(/\b5\b/g, '')).not.toMatch(/\d/);
    // Nor any share of the hidden index in its components list.
    const components = await page.getByRole('list', { name: 'Index components' }).innerText();
    expect(components.replace(/Fewer than 5 responses/g, '')).not.toMatch(/\d/);

    await page.getByRole('tab', { name: 'Hazard ledger' }).click();
    const ledger = page.getByRole('table', { name: /Debt by hazard/ });
    await ledger.waitFor();
    const rows = await ledger.getByRole('row').all();
    for (const row of rows.slice(1)) {
      const data = (await row.getByRole('cell').allTextContents()).slice(1);
      for (const c of data) expect(c).toMatch(/^(Not asked|Not shown|Fewer than 5 responses)$/);
    }
    await page.close();
  });

  it('follows the theme: default, dark and high contrast all render, high contrast in system colours', async () => {
    const backgrounds: Record<string, string> = {};
    for (const theme of ['default', 'dark', 'contrast']) {
      const page = await open(`/tab/?theme=${theme}#/team/team-platform`);
      expect(await indexText(page)).toMatch(/^\d/);
      backgrounds[theme] = await page
        .locator('.fui-FluentProvider')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      const chart = page.locator('figure svg').first();
      await chart.waitFor();
      expect(await chart.getAttribute('data-palette')).toBe(theme === 'contrast' ? 'system' : 'fluent');
      if (theme === 'contrast') {
        // The trend line is drawn in CanvasText, which on the contrast theme's dark scheme is white.
        const stroke = await page
          .locator('figure polyline')
          .first()
          .evaluate((el) => getComputedStyle(el).stroke);
        const canvasText = await page.evaluate(() => {
          const probe = document.createElement('span');
          probe.style.color = 'CanvasText';
          document.querySelector('.fui-FluentProvider')!.appendChild(probe);
          const value = getComputedStyle(probe).color;
          probe.remove();
          return value;
        });
        expect(stroke).toBe(canvasText);
        expect(stroke).toBe('rgb(255, 255, 255)');
      }
      await page.close();
    }
    expect(new Set(Object.values(backgrounds)).size).toBe(3);
  });

  it('works with the keyboard alone: My teams → dashboard → hazard ledger', async () => {
    const page = await open('/tab/');
    await page.getByRole('link', { name: 'Platform Engineering' }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    let steps = 0;
    while ((await focused()) !== 'Platform Engineering' && steps++ < 30) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Platform Engineering');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/team\/team-platform$/);
    // Focus lands on the dashboard heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await focused()).toBe('Platform Engineering');
    await page.keyboard.press('Tab'); // Back to my teams
    await page.keyboard.press('Tab'); // the selected view tab
    expect(await focused()).toBe('Overview');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Hazard ledger');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/team\/team-platform\/hazards$/);
    await page.getByRole('table', { name: /Debt by hazard/ }).waitFor();
    // Tab leaves the tab list for the panel: the next stop is the view's own control.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Download CSV');
    await page.close();
  });

  it('downloads the current view as CSV, suppressed cells as the suppression text', async () => {
    const page = await open('/tab/#/team/team-platform/hazards');
    await page.getByRole('table', { name: /Debt by hazard/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^human-debt-platform-engineering-hazards-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Hazard,ISO 45003 group,(\d{4}-W\d{2},?){12}$/);
    expect(lines.at(-1)).toMatch(/^Mean debt,,/);
    // Exactly the rows on screen: one per hazard, plus the header and the mean.
    const onScreen = await page
      .getByRole('table', { name: /Debt by hazard/ })
      .getByRole('row')
      .count();
    expect(lines).toHaveLength(onScreen);
    await page.close();

    const small = await open('/tab/#/team/team-design/hazards');
    await small.getByRole('table', { name: /Debt by hazard/ }).waitFor();
    const [smallDownload] = await Promise.all([
      small.waitForEvent('download'),
      small.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const body = readFileSync((await smallDownload.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1);
    for (const line of body) {
      const [, , ...cells] = line.split(',');
      for (const c of cells) expect(c).toMatch(/^(Not asked|Not shown|Fewer than 5 responses)$/);
    }
    await small.close();
  });

  it('ran without page errors', () => {
    expect(problems).toEqual([]);
  });
});
