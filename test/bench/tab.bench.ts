/**
 * Tab dashboard bench. Builds the tab (vite), starts the real service in local mode with the seeded demo data, and
 * in headless Debian Chromium measures
 *   (a) the dashboard route's initial JavaScript: every script the page fetches, from a cold cache, until the
 *       overview's Human Debt index is on screen, gzipped (the files as built; target ≤ 180 KB, against the
 *       reference of ~140 KB for a bare Fluent v9 dashboard without charts, docs/measurement.md), and
 *   (b) first meaningful render: the `hd:index-visible` performance mark the overview sets when the index is on
 *       screen, in ms from navigation start; median of 5 cold loads (fresh browser context each; target ≤ 400 ms),
 *       with "My teams" (same shell, one API call) measured the same way as the in-run baseline.
 *
 *   node --import tsx test/bench/tab.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startTestService } from '../../bot/test/support';
import { launchChromium } from '../support/browser';
import type { BenchResult } from './run';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TAB_DIST = join(ROOT, 'tabs', 'dist');
const LOADS = 5;
const INDEX_MARK = 'hd:index-visible';
const JS_TARGET_KB = 180;
const BARE_FLUENT_KB = 140;
const RENDER_TARGET_MS = 400;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (v: number, d = 1): number => Math.round(v * 10 ** d) / 10 ** d;

/** gzip size (level 9, as Vite reports it) of a built file served under /tab/. */
function gzipKb(urlPath: string): number {
  const file = join(TAB_DIST, decodeURIComponent(new URL(urlPath).pathname.replace(/^\/tab\//, '')));
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

interface Load {
  ms: number;
  scripts: string[];
  /** Bytes of script the browser received (encoded: what the service sent, compressed when the browser accepts it). */
  scriptBytesOnWire: number;
}

async function coldLoad(browser: Browser, url: string, ready: 'index' | 'teams'): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' && r.url().includes('/tab/')) scripts.push(r.url());
  });
  await page.goto(url);
  let ms: number;
  if (ready === 'index') {
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, INDEX_MARK, {
      timeout: 15_000,
      polling: 'raf',
    });
    ms = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, INDEX_MARK);
  } else {
    await page.waitForFunction(() => document.querySelector('table a[href^="#/team/"]') !== null, undefined, {
      timeout: 15_000,
      polling: 'raf',
    });
    ms = await page.evaluate(() => performance.now());
  }
  const scriptBytesOnWire = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link' || e.name.endsWith('.js'))
      .reduce((sum, e) => sum + e.encodedBodySize, 0),
  );
  await context.close();
  return { ms, scripts: [...new Set(scripts)], scriptBytesOnWire };
}

export async function run(): Promise<BenchResult[]> {
  execFileSync('npm', ['run', 'build', '--workspace=tabs'], { cwd: ROOT, stdio: 'ignore' });
  const svc = await startTestService({}, { staticRoots: { tab: TAB_DIST, addin: TAB_DIST } });
  const browser = await launchChromium();
  try {
    const dashboardUrl = `${svc.url}/tab/#/team/team-platform`;
    // One warm-up load so Chromium's own start-up is not in the first sample.
    await coldLoad(browser, dashboardUrl, 'index');
    const dashboard: Load[] = [];
    const teams: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      dashboard.push(await coldLoad(browser, dashboardUrl, 'index'));
      teams.push(await coldLoad(browser, `${svc.url}/tab/`, 'teams'));
    }
    const scripts = dashboard[0]!.scripts;
    const perScript = scripts.map((u) => ({ name: new URL(u).pathname.split('/').pop()!, kb: gzipKb(u) }));
    const initialKb = perScript.reduce((sum, s) => sum + s.kb, 0);
    const teamsSdkKb = perScript.filter((s) => s.name.startsWith('teams-sdk')).reduce((sum, s) => sum + s.kb, 0);
    const renderMs = median(dashboard.map((l) => l.ms));
    const teamsMs = median(teams.map((l) => l.ms));
    return [
      {
        name: 'tab dashboard route initial JS (gzip)',
        figures: {
          initialJsGzipKb: round(initialKb),
          // What the service actually sent for those scripts (brotli siblings, bot/src/http/precompressed-static.ts).
          onWireKb: round(dashboard[0]!.scriptBytesOnWire / 1024),
          withoutTeamsJsKb: round(initialKb - teamsSdkKb),
          teamsJsKb: round(teamsSdkKb),
          scripts: scripts.length,
          ...Object.fromEntries(perScript.map((s) => [`${s.name.replace(/-[\w-]{8}\.js$/, '')}Kb`, round(s.kb)])),
        },
        baseline: `reference: bare Fluent v9 dashboard without charts ≈ ${BARE_FLUENT_KB} KB gzip`,
        ratio: round(initialKb / BARE_FLUENT_KB, 2),
        target: `≤ ${JS_TARGET_KB} KB gzip`,
        pass: initialKb <= JS_TARGET_KB,
      },
      {
        name: 'tab dashboard first meaningful render (index on screen)',
        figures: {
          medianMs: round(renderMs),
          minMs: round(Math.min(...dashboard.map((l) => l.ms))),
          maxMs: round(Math.max(...dashboard.map((l) => l.ms))),
          myTeamsMedianMs: round(teamsMs),
          loads: LOADS,
          // Render time is CPU-bound (parsing ~500 KB of JS, styling, React): read it next to the machine's load.
          loadAverage1m: round(loadavg()[0] ?? 0, 2),
          cores: cpus().length,
        },
        baseline: `"My teams" (same shell, one API call) in the same run, median of ${LOADS} cold loads`,
        ratio: round(renderMs / teamsMs, 2),
        target: `≤ ${RENDER_TARGET_MS} ms (median of ${LOADS} cold loads)`,
        pass: renderMs <= RENDER_TARGET_MS,
      },
    ];
  } finally {
    await browser.close();
    await svc.stop();
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  run().then(
    (results) => {
      for (const r of results) {
        process.stdout.write(
          `${r.name}: ${Object.entries(r.figures)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}\n  ratio ${r.ratio} vs ${r.baseline} (target ${r.target}) ${r.pass ? '✓' : '✗'}\n`,
        );
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
