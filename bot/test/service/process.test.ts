import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForOutput } from '../child-output';

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hd-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How long a start may take before it counts as failed: an upper bound for CI's busy 2-core machine. */
const START_TIMEOUT_MS = 60_000;

/** Runs the built service as a real process (test/support/global-setup.ts builds it when it is missing). */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', SQLITE_FILE: join(dir, 'p.sqlite'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** The URL of the "listening" log line, as soon as it is written. */
  const listening = async (): Promise<string> =>
    (await waitForOutput(child, () => out + err, /"url":"(http:\/\/[^"]+)"/, START_TIMEOUT_MS))[1]!;
  return { child, exited, listening, output: () => out, errors: () => err };
}

describe('the built service process', () => {
  it('starts, serves, and on SIGTERM drains, closes the store and exits 0', async () => {
    const p = run({});
    const url = await p.listening();
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('stopped; store closed');
    expect(p.output()).toMatch(/"correlationId":"[0-9a-f-]{36}"/);
  });

  it('refuses to start with a clear message when production configuration is missing', async () => {
    const p = run({ HD_MODE: 'production', HOST: '0.0.0.0' });
    expect(await p.exited).toBe(78);
    expect(p.errors()).toContain('Human Debt cannot start.');
    expect(p.errors()).toContain('BOT_APP_ID is required in production');
    expect(p.errors()).not.toMatch(/at .*\.js:\d+/); // no stack trace for a configuration mistake
  });
});
