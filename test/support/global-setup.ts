import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest globalSetup (vitest.config.ts): the tests that drive built output — the service as a child process, the
 * admin CLI, the tab and the task pane in Chromium, the add-in's handler bundle — never skip because a build is
 * missing. `npm test` builds everything first, so this does nothing there; a single test file run on a fresh checkout
 * builds the missing workspaces here, once, before any test starts, or the run stops with the build's error.
 *
 * Only missing output is built; output that exists is used as it is (rebuild with `npm run build` after changing the
 * product code if a test drives the build).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

/** What each workspace build writes that the tests use. The order is the order of `npm run build`. */
const BUILDS: ReadonlyArray<{ workspace: string; outputs: readonly string[] }> = [
  { workspace: 'tabs', outputs: ['tabs/dist/index.html'] },
  { workspace: 'addin', outputs: ['addin/dist/taskpane.html', 'addin/dist/commands.js'] },
  { workspace: 'bot', outputs: ['bot/dist/main.js', 'bot/dist/admin.js'] },
];

export default function buildWhatIsMissing(): void {
  for (const { workspace, outputs } of BUILDS) {
    const missing = outputs.filter((file) => !existsSync(join(root, file)));
    if (missing.length === 0) continue;
    console.log(`[global-setup] ${missing.join(', ')} missing: running npm run build --workspace=${workspace}`);
    const started = Date.now();
    const build = spawnSync('npm', ['run', 'build', `--workspace=${workspace}`], { cwd: root, stdio: 'inherit' });
    const stillMissing = outputs.filter((file) => !existsSync(join(root, file)));
    if (build.status !== 0 || stillMissing.length > 0) {
      const what = build.error
        ? `could not run (${build.error.message})`
        : build.status !== 0
          ? `failed (exit ${build.status})`
          : `did not write ${stillMissing.join(', ')}`;
      throw new Error(
        `npm run build --workspace=${workspace} ${what}; the tests that use it cannot run. ` +
          'Fix the build, or run `npm run build` first.',
      );
    }
    console.log(`[global-setup] built ${workspace} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
