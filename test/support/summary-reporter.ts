import type { Reporter, SerializedError, TestCase, TestModule, TestSuite } from 'vitest/node';

/**
 * Prints why tests were skipped, one line per distinct reason with its count, so a reader of the report can tell
 * what was not checked; then one plain closing line, "N passed, N failed, N skipped", that CI tooling reads in any
 * language. The closing line is always the last line printed.
 *
 * A test that did not run because a hook of its suite failed (a beforeAll that could not start the service, say)
 * counts as failed, not skipped: vitest marks such tests skipped, but the run failed on them. So does a file that
 * failed to load, a hook failure after passing tests, and an error thrown outside any test.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    const skipReasons = new Map<string, number>();
    for (const m of testModules) {
      const failedHooks = new Set<TestModule | TestSuite>();
      for (const s of [m, ...m.children.allSuites()]) if (s.errors().length > 0) failedHooks.add(s);
      const attributed = new Set<TestModule | TestSuite>();
      for (const t of m.children.allTests()) {
        const result = t.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else {
          const broken = ancestors(t).find((s) => failedHooks.has(s));
          if (broken && result.state === 'skipped' && result.note === undefined) {
            failed++;
            attributed.add(broken);
            continue;
          }
          const reason = skipReason(t);
          skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1);
        }
      }
      // Hook or load failures that no test result shows (a file with no tests, an afterAll after passing tests).
      for (const s of failedHooks) if (!attributed.has(s)) failed++;
    }
    const skipped = [...skipReasons.values()].reduce((a, b) => a + b, 0);
    const lines = [...skipReasons].sort(([, a], [, b]) => b - a).map(([reason, n]) => `skipped ${n}: ${reason}`);
    process.stdout.write(
      `\n${lines.map((l) => `${l}\n`).join('')}${lines.length ? '\n' : ''}${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}

function ancestors(t: TestCase): Array<TestModule | TestSuite> {
  const out: Array<TestModule | TestSuite> = [];
  let p: TestModule | TestSuite = t.parent;
  while (p.type === 'suite') {
    out.push(p);
    p = p.parent;
  }
  out.push(p);
  return out;
}

function skipReason(t: TestCase): string {
  const result = t.result();
  if (result.state === 'skipped' && result.note) return result.note;
  if (t.options.mode === 'todo') return 'it.todo: written down, not written yet';
  if (result.state === 'pending') return 'not run (the run ended before it)';
  return 'no reason given (it.skip, describe.skip/skipIf/runIf without a note, .only elsewhere, or a -t filter)';
}
