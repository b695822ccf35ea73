import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot work on these machines). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const hasChromium = existsSync(CHROMIUM);

/** Why the browser tests cannot run on this machine, or undefined when they can (see test/support/requirements.ts). */
export const chromiumMissing: string | undefined = hasChromium
  ? undefined
  : `browser tests need Chromium, and there is none at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

/**
 * The upper bound of one browser step (a click, waiting for an element, a navigation, a download). A step that works
 * ends as soon as the page is ready; the bound only decides when a broken one gives up, so it is sized for CI's busy
 * 2-core machine, where a page load that takes a second when idle can take many.
 */
export const BROWSER_STEP_TIMEOUT_MS = 60_000;

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 2 * BROWSER_STEP_TIMEOUT_MS,
    // No sandbox as root in CI; no GPU; no background traffic to Google's hosts, which this network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

function withStepTimeouts<T extends Page | BrowserContext>(target: T): T {
  target.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
  target.setDefaultNavigationTimeout(BROWSER_STEP_TIMEOUT_MS);
  return target;
}

/** A page in a context of its own, with the step timeouts above. */
export async function newPage(browser: Browser, options?: BrowserContextOptions): Promise<Page> {
  return withStepTimeouts(await browser.newPage(options));
}

/** A browser context whose pages get the step timeouts above. */
export async function newContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext> {
  return withStepTimeouts(await browser.newContext(options));
}
