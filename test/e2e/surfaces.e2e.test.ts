import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, newPage } from '../support/browser';
import { requires } from '../support/requirements';
import { startTestService } from '../../bot/test/support';

// The built tab and task pane (test/support/global-setup.ts builds them when they are missing).
const tabDist = fileURLToPath(new URL('../../tabs/dist', import.meta.url));
const addinDist = fileURLToPath(new URL('../../addin/dist', import.meta.url));

/** The built tab and task pane, served by the real service with demo data, in Debian Chromium. */
describe('surfaces in Chromium (local mode)', () => {
  const ready = requires(chromiumMissing, { ci: 'fail' });
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  const problems: string[] = [];

  const open = async (path: string): Promise<Page> => {
    const page = await newPage(browser);
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
    if (!ready) return;
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
      .poll(() =>
        page
          .getByText(/local demo/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    for (const name of ['Platform Engineering', 'Customer Success', 'Design Studio']) {
      await expect.poll(() => page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText(/Fewer than 5 members/).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await page.close();
  });

  it('the add-in task pane renders standalone, with the privacy statement and the teams', async () => {
    const page = await open('/addin/taskpane.html');
    await page.setViewportSize({ width: 360, height: 800 });
    await expect
      .poll(() =>
        page
          .getByText(/local demo/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => page.getByText(/stay on this device/i).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Platform Engineering', { exact: true }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('ran without page errors', () => {
    expect(problems).toEqual([]);
  });
});
