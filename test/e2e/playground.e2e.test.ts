import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_STEP_TIMEOUT_MS, chromiumMissing, launchChromium, newPage } from '../support/browser';
import { requires } from '../support/requirements';
import { isoWeekOf } from '@humandebt/core';
import { startTestService } from '../../bot/test/support';
import { Pseudonyms } from '../../bot/src/pulse/pseudonyms';
import { runScheduledWork } from '../../bot/src/scheduler/scheduler';
import { createBotAdapter } from '../../bot/src/teams/adapter';
import { BotFrameworkMessenger } from '../../bot/src/teams/messenger';

/**
 * The whole retro through the Microsoft 365 Agents Playground's chat UI, in Debian Chromium, against the real
 * service (HTTP, CloudAdapter, SQLite): the Playground plays Teams (its mock connector receives our replies and
 * in-place card updates, and answers the paged-members call), Chromium plays the person.
 */

/** The tenant id the Playground's mock Teams sends. */
const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';
const bin = fileURLToPath(new URL('../../node_modules/.bin/agentsplayground', import.meta.url));
/** A root devDependency, so `npm ci` always installs it: missing means a partial install (a failure in CI). */
const playgroundMissing = existsSync(bin)
  ? undefined
  : `the Agents Playground test needs @microsoft/m365agentsplayground (a devDependency), and ${bin} is missing (npm install)`;
/** Upper bound for the Playground to start listening. */
const PLAYGROUND_START_TIMEOUT_MS = 120_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('a retro from start to summary in the Agents Playground (Chromium)', () => {
  const ready = requires(chromiumMissing, { ci: 'fail' }) && requires(playgroundMissing, { ci: 'fail' });
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let playground: ChildProcess | undefined;
  let browser: Browser;
  let page: Page;
  let uiUrl = '';
  const output: string[] = [];

  beforeAll(async () => {
    if (!ready) return;
    svc = await startTestService({ SEED_DEMO: 'never' });
    const port = await freePort();
    playground = spawn(
      bin,
      ['-e', `${svc.url}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(port)],
      {
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // It may fall back to another port when ours was taken in between: read the one it reports.
    uiUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Playground did not start:\n${output.join('')}`)),
        PLAYGROUND_START_TIMEOUT_MS,
      );
      const onData = (d: Buffer) => {
        output.push(d.toString());
        const m = /Listening on (\d+)/.exec(output.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${m[1]}/`);
        }
      };
      playground!.stdout!.on('data', onData);
      playground!.stderr!.on('data', onData);
      playground!.once('exit', (code) => reject(new Error(`Playground exited (${code}):\n${output.join('')}`)));
    });
    browser = await launchChromium();
    page = await newPage(browser, { viewport: { width: 1280, height: 1400 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (playground && playground.exitCode === null) {
      playground.kill('SIGTERM');
      await new Promise((r) => playground!.once('exit', r));
    }
    await svc?.stop();
  });

  const lastCard = (): Locator => page.locator('.ac-adaptiveCard').last();
  const button = (name: string): Locator => page.getByRole('button', { name, exact: true }).last();
  /** Waits until `text` is on the page (a bot reply, a card update); the bound only stops a broken run. */
  const seen = async (text: string | RegExp) => {
    try {
      await expect.poll(() => page.getByText(text).count(), { timeout: BROWSER_STEP_TIMEOUT_MS }).toBeGreaterThan(0);
    } catch (e) {
      if (process.env.PG_SCREENSHOT) await page.screenshot({ path: process.env.PG_SCREENSHOT });
      throw e;
    }
  };

  async function sendChat(text: string): Promise<void> {
    const box = page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('runs opening → collect → reveal → vote → five whys → actions → summary, then a pulse and a reminder', async () => {
    await page.goto(uiUrl, { waitUntil: 'domcontentloaded' });
    // Install: the welcome card explains the privacy promise.
    await seen('Welcome to Human Debt');

    await sendChat('retro start-stop-continue');
    await seen('Retro: Start / Stop / Continue');
    await button('Start collecting').click();
    await seen('0 cards from 0 people');

    // Collect privately: two cards, written in the card's own input; the shared count updates in place.
    for (const [i, text] of ['Deploys on *Friday* hurt [link](http://x)', 'Pairing on hard bugs helped'].entries()) {
      await lastCard().locator('textarea').fill(text);
      await button('Add card anonymously').click();
      await seen(`${i + 1} card${i ? 's' : ''} from 1 person`);
    }

    await button('Reveal cards').click();
    await seen('2 cards, shuffled, no names.');
    // The Markdown in the card is shown as typed, not rendered as a link.
    await seen('Deploys on *Friday* hurt [link](http://x)');

    await button('Start voting').click();
    await seen(/Each person has 3 votes/);
    // Vote is a Universal Action: the answer is the voter's own card (remaining votes, a tick), posted to no one.
    // A person's first vote also updates the shared card's voter count; the Playground has no user-specific views
    // ("not supported yet", it logs), so that update may land after the answer and show the shared card instead.
    await page.getByRole('button', { name: 'Vote', exact: true }).first().click();
    await seen(/You have 2 votes left|1 person has voted so far/);
    // The second vote (the other item: the last Vote button in either view) changes no shared count: its answer stays.
    await page.getByRole('button', { name: 'Vote', exact: true }).last().click();
    await seen(/You have 1 vote left/);
    await seen('✓ Your vote');

    await button('Close voting').click();
    await seen(/Why\? \(level 1 of 5\)/);
    await lastCard().locator('input[type="text"], textarea').first().fill('The release checklist is optional');
    await button('Add why').click();
    await seen('Why 1: The release checklist is optional');
    await button('Root cause found').click();
    await seen('Root cause: the last answer above.');

    await button('On to actions').click();
    await seen('New action');
    const card = lastCard();
    const inputs = card.locator('input');
    await inputs.nth(0).fill('Make the release checklist a gate');
    // Owner (the facilitator) and due date (two weeks out) come pre-filled; pick what the action should improve.
    await inputs.nth(3).click();
    await page.getByRole('option', { name: 'Team dynamic: Structure and clarity' }).click();
    await button('Add action').click();
    await seen('Action recorded.');

    await button('Close the retro').click();
    await seen('Retro summary');
    await seen('Make the release checklist a gate');

    // A pulse now (the installer is a team owner): it goes out 1:1 through the Playground's connector.
    await sendChat('pulse');
    await seen('This week’s pulse went to 1 person by private message.');
    await seen(/Pulse check-in \(\d{4}-W\d{2}\)/);
    await seen(/no name, no user id/);
    // Answer one of the rotating statements (the last one; a Fluent combobox in the Playground) and send.
    const pulse = lastCard();
    await pulse.locator('input').last().click();
    await page.getByRole('option', { name: '6 · Agree' }).click();
    await button('Send anonymously').click();
    await seen(/Your answers are stored anonymously/);

    // The action falls due: the scheduler (run here once, over the real Bot Framework messenger) reminds its owner
    // 1:1, and the owner marks it done from the reminder card.
    const [team0] = await svc.store.teams.listByTenant(PLAYGROUND_TENANT);
    const [due] = await svc.store.actions.listByTeam(PLAYGROUND_TENANT, team0!.teamId);
    await svc.store.actions.update({ tenantId: PLAYGROUND_TENANT, teamId: team0!.teamId, id: due!.id }, (a) => ({
      ...a,
      due: new Date().toISOString().slice(0, 10),
    }));
    const messenger = new BotFrameworkMessenger(createBotAdapter(svc.config, svc.logger), svc.config);
    const report = await runScheduledWork(
      {
        store: svc.store,
        pseudonyms: new Pseudonyms(svc.config.pseudonymSecret),
        messenger,
        logger: svc.logger,
        tenants: () => [PLAYGROUND_TENANT],
      },
      'e2e',
      new Date(),
    );
    expect(report.remindersSent).toBe(1);
    await seen('An action is due today');
    await button('Done').click();
    await seen('Marked as done. Thank you!');

    if (process.env.PG_SCREENSHOT) await page.screenshot({ path: process.env.PG_SCREENSHOT, fullPage: true });

    // What was stored: a closed retro, cards without authors, the action with its target.
    const [team] = await svc.store.teams.listByTenant(PLAYGROUND_TENANT);
    expect(team).toBeDefined();
    const [retro] = await svc.store.retros.listByTeam(PLAYGROUND_TENANT, team!.teamId);
    expect(retro?.phase).toBe('closed');
    expect(retro?.cards).toHaveLength(2);
    for (const c of retro?.cards ?? []) expect(c).not.toHaveProperty('authorId');
    const [action] = await svc.store.actions.listByTeam(PLAYGROUND_TENANT, team!.teamId);
    expect(action).toMatchObject({
      title: 'Make the release checklist a gate',
      target: { kind: 'dimension', key: 'structure-clarity' },
      status: 'done',
    });
    const responses = await svc.store.responses.listByPulse(PLAYGROUND_TENANT, team!.teamId, isoWeekOf(new Date()));
    expect(responses).toHaveLength(1);
    expect(JSON.stringify(responses[0])).not.toMatch(/user-id-0|Alex/);
  }, 180_000);
});
