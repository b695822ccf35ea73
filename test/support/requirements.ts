import { beforeEach } from 'vitest';

/**
 * What a group of tests needs from the machine, and what happens when it is missing: the tests are skipped with the
 * reason as their note (test/support/summary-reporter.ts prints each reason with its count), so a report always says
 * what was not checked. With `ci: 'fail'`, a missing requirement fails the tests instead when `process.env.CI` is set:
 * a CI machine that lacks it is misconfigured, and a silent skip there would hide that.
 *
 * Call it at the top of a describe block and use the answer to guard the block's own beforeAll/afterAll:
 *
 *   describe('…', () => {
 *     const ready = requires(chromiumMissing, { ci: 'fail' });
 *     beforeAll(async () => { if (!ready) return; … });
 */
export function requires(missing: string | undefined, options: { ci: 'fail' | 'skip' }): boolean {
  if (missing === undefined) return true;
  if (options.ci === 'fail' && process.env.CI) {
    const message = `${missing}. CI must provide it (process.env.CI is set), so this fails instead of skipping.`;
    // Each test fails with the reason (a failing beforeAll would leave them unrun and reported as skipped).
    beforeEach(() => {
      throw new Error(message);
    });
    return false;
  }
  beforeEach((context) => {
    context.skip(missing);
  });
  return false;
}
