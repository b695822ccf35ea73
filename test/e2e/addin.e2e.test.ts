import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../../bot/test/support';
import { chromiumMissing, launchChromium, newContext } from '../support/browser';
import { requires } from '../support/requirements';

/** The built task pane (test/support/global-setup.ts builds it when it is missing). */
const addinDist = fileURLToPath(new URL('../../addin/dist', import.meta.url));
const icsFixture = fileURLToPath(new URL('../../addin/test/fixtures/e2e-recurring.ics', import.meta.url));

/**
 * The built task pane, served by the real service in local mode (seeded demo teams and agreements), in Debian
 * Chromium: the demo calendar's load and nudges, an .ics import, the keyboard path, the dark theme and the opt-in share.
 */
describe('Outlook add-in task pane in Chromium (local mode)', () => {
  const ready = requires(chromiumMissing, { ci: 'fail' });
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let browser: Browser;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  const open = async (query = ''): Promise<Page> => {
    // A fixed zone and locale: the demo calendar is built in the browser's zone, the figures are formatted in its locale.
    const context = await newContext(browser, {
      timezoneId: 'Europe/Berlin',
      locale: 'en-US',
      viewport: { width: 380, height: 900 },
    });
    contexts.push(context);
    // office.js comes from Microsoft's CDN, which this network cannot reach: refuse it at once instead of waiting on DNS.
    await context.route(/appsforoffice\.microsoft\.com/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource|appsforoffice|ERR_FAILED/i.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${svc.url}/addin/taskpane.html${query}`);
    await page.getByTestId('week-figures').waitFor();
    return page;
  };

  const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"]`).innerText();

  beforeAll(async () => {
    if (!ready) return;
    svc = await startTestService({}, { staticRoots: { tab: `${addinDist}/no-tab`, addin: addinDist } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await svc?.stop();
  });

  it('shows the demo calendar’s load and nudges, and marks its first render', async () => {
    const page = await open();
    await expect
      .poll(() => page.getByTestId('calendar-source').innerText())
      .toBe('Calendar in use: Demo calendar (Demo data)');
    expect(await figure(page, 'meetings')).toMatch(/^\d+(\.\d)? h\n\d+% of working time · \d+ meetings$/);
    expect(await figure(page, 'b2b')).toMatch(/chains?/);
    const firstRender = await page.evaluate(() => performance.getEntriesByName('hd-first-render')[0]?.startTime ?? -1);
    expect(firstRender).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Next week' }).click();
    expect(await figure(page, 'focus')).toContain('Below 10 h');
    const nudges = page.getByRole('list', { name: 'Suggestions for next week' });
    await expect.poll(() => nudges.innerText()).toContain('Protect a focus block:');
    // The seeded Platform agreements are checked too ("Wednesday is our focus day", "No meetings after 16:00").
    await page.getByRole('button', { name: /Show all \d+ suggestions/ }).click();
    await expect
      .poll(() => nudges.innerText())
      .toMatch(/Team agreement “(Wednesday is our focus day|No meetings after 16:00)”/);
    expect(await nudges.innerText()).toMatch(/Shorten: Shorten it to (25|50) min/);
    expect(await nudges.innerText()).toContain('Decline with a note:');
  });

  it('imports an .ics file and shows its figures; a bad file changes nothing', async () => {
    const page = await open();
    await page.getByTestId('ics-input').setInputFiles(icsFixture);
    await expect
      .poll(() => page.getByTestId('calendar-source').innerText())
      .toBe('Calendar in use: e2e-recurring.ics (Imported file)');
    // Every week of the fixture: five 15-minute stand-ups, a 2 h workshop and a 1 h review with 12 people.
    expect(await figure(page, 'meetings')).toMatch(/^4\.3 h\n\d+% of working time · 7 meetings$/);
    expect(await figure(page, 'long')).toBe('1');
    expect(await figure(page, 'large')).toBe('1');

    await page.getByTestId('ics-input').setInputFiles({
      name: 'broken.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from('BEGIN:VCALENDAR\nnot a line\n'),
    });
    await expect
      .poll(() =>
        page.getByText('“broken.ics” could not be read: its iCalendar data is malformed.', { exact: false }).count(),
      )
      .toBe(1);
    expect(await page.getByTestId('calendar-source').innerText()).toBe(
      'Calendar in use: e2e-recurring.ics (Imported file)',
    );
    expect(await figure(page, 'meetings')).toMatch(/^4\.3 h/);
  });

  it('can be used with the keyboard alone', async () => {
    const page = await open();
    const tabTo = async (name: RegExp, max = 80): Promise<void> => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        // The focused control's name as a screen reader gets it: aria-label, its <label>, or its text.
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          if (!el || el === document.body) return '';
          return (el.getAttribute('aria-label') ?? el.labels?.[0]?.innerText ?? el.innerText ?? '').trim();
        });
        if (name.test(label)) return;
      }
      throw new Error(`could not reach ${name} with Tab`);
    };
    await tabTo(/Import \.ics file/);
    await tabTo(/^This week$/);
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Next week' }).getAttribute('aria-selected')).toBe('true');
    await tabTo(/Show times for/);
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('aria-expanded')).toBe('true');
    await tabTo(/Check this meeting/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('impact-result').innerText())
      .toMatch(/This makes Thursday [\d.]+ h of meetings/);
    await tabTo(/Share my weekly figures with my team/);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('share-payload').count()).toBe(1);
  });

  it('follows ?theme=dark', async () => {
    const luminance = async (page: Page) =>
      page.evaluate(() => {
        const root = document.querySelector('.fui-FluentProvider') as HTMLElement;
        const [r, g, b] = (getComputedStyle(root).backgroundColor.match(/\d+/g) ?? ['255', '255', '255']).map(
          Number,
        ) as [number, number, number];
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      });
    const dark = await open('?theme=dark');
    expect(await luminance(dark)).toBeLessThan(0.3);
    const light = await open('?theme=default');
    expect(await luminance(light)).toBeGreaterThan(0.7);
  });

  it('shares the last complete week with a team only after opting in, and says what was stored', async () => {
    const page = await open();
    const section = page.getByRole('region', { name: 'Share with your team' });
    await section.getByRole('switch', { name: 'Share my weekly figures with my team' }).check();
    await section.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Platform Engineering' });
    const payload = JSON.parse(await section.getByTestId('share-payload').innerText()) as {
      week: string;
      metrics: Record<string, number>;
    };
    expect(Object.keys(payload)).toEqual(['week', 'metrics']);
    expect(payload.week).toMatch(/^\d{4}-W\d{2}$/);

    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/meeting-load'));
    await section.getByRole('button', { name: 'Send these figures to Platform Engineering' }).click();
    expect(JSON.parse((await posted).postData() ?? '')).toEqual(payload);
    await expect.poll(() => section.innerText()).toContain('Shared with Platform Engineering');
    expect(await section.innerText()).toContain(`No titles, times or attendees were sent.`);

    await section.getByRole('button', { name: 'Send these figures to Platform Engineering' }).click();
    await expect.poll(() => section.innerText()).toContain('Already shared');
  });

  it('ran without page errors', () => {
    expect(problems).toEqual([]);
  });
});
