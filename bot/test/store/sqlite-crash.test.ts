import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';

const writer = fileURLToPath(new URL('./sqlite-crash-writer.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hd-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer, kills it with SIGKILL once `killAfter` writes were acknowledged, returns the acknowledged ids. */
function writeUntilKilled(
  file: string,
  killAfter: number,
): Promise<{ acked: number[]; lastN: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let lastN = 0;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\d+) (\d+)$/.exec(line);
        if (m) {
          acked.push(Number(m[1]));
          lastN = Number(m[2]);
          if (acked.length === killAfter) child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve({ acked, lastN, signal });
    });
  });
}

describe('SQLite crash safety', () => {
  it('loses no acknowledged write when the writing process is killed with SIGKILL mid-loop', async () => {
    const file = join(dir, 'crash.sqlite');
    const { acked, lastN, signal } = await writeUntilKilled(file, 400);
    expect(signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(400);

    // The file opens cleanly (WAL recovery) and passes SQLite's own integrity check.
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const store = createStore(new SqliteBackend({ file }));
    const stored = await store.responses.listByPulse('crash-tenant', 'crash-team', 'pulse-1');
    const ids = new Set(stored.map((r) => r.id));
    const missing = acked.filter((i) => !ids.has(`pulse-1:${i}`));
    expect(missing).toEqual([]);
    // The rollup is at least as far as the last acknowledged increment and consistent with the stored answers
    // (a write that was in flight at the kill may have landed; none that was acknowledged may be missing).
    const rollup = await store.rollups.get({ tenantId: 'crash-tenant', teamId: 'crash-team', id: '2026-W48' });
    // Answers and the count commit in one transaction: after the crash they agree exactly.
    expect(rollup!.respondents).toBeGreaterThanOrEqual(lastN);
    expect(rollup!.respondents).toBe(stored.length);
    await store.close();
  });
});
