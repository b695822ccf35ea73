import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, hasChromium } from '../support/browser';
import { startTestService } from '../../bot/test/support';

const tabDist = fileURLToPath(new URL('../../tabs/dist', import.meta.url));
const addinDist = fileURLToPath(new URL('../../addin/dist', import.meta.url));
const built = existsSync(`${tabDist}/index.html`) && existsSync(`${addinDist}/taskpane.html`);

if (!hasChromium) console.warn('browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)');

/** The built tab and task pane, served by the real service with demo data, in Debian Chromium. */
describe.runIf(hasChromium && built)('surfaces in Chromium (local mode)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  const problems: string[] = [];

  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
    page.on('console', (m) => {
      // teams-js tries Microsoft's CDN for its valid-domains list; that fails here by design (no network).
      if (
        m.type() === 'error' &&
        !/res\.cdn\.office\.net|ERR_NAME_NOT_RESOLVED|Failed to load resource|appsforoffice/i.test(m.text())
      )
        problems.push(`${path}: ${m.text()}`);
    });
    await page.goto(`${svc.url}${path}`);
    return page;
  };

  beforeAll(async () => {
    svc = await startTestService({}, { staticRoots: { tab: tabDist, addin: addinDist } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('the landing page links every surface', async () => {
    const page = await open('/');
    await expect.poll(() => page.getByRole('link', { name: /Teams tab/ }).count()).toBe(1);
    await page.getByRole('link', { name: /Teams tab/ }).click();
    await page.waitForURL(/\/tab\/$/);
    await page.close();
  });

  it('the tab shows the local demo banner and my teams, with the small team flagged below k', async () => {
    const page = await open('/tab/');
    await expect
      .poll(
        () =>
          page
            .getByText(/local demo/i)
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    for (const name of ['Platform Engineering', 'Customer Success', 'Design Studio']) {
      await expect.poll(() => page.getByText(name, { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText(/Fewer than 5 members/).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await page.close();
  });

  it('the add-in task pane renders standalone, with the privacy statement and the teams', async () => {
    const page = await open('/addin/taskpane.html');
    await page.setViewportSize({ width: 360, height: 800 });
    await expect
      .poll(
        () =>
          page
            .getByText(/local demo/i)
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    await expect.poll(() => page.getByText(/stay on this device/i).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByText('Platform Engineering', { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await page.close();
  });

  it('ran without page errors', () => {
    expect(problems).toEqual([]);
  });
});
