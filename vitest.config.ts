import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Component tests opt into jsdom per file with
// `// @vitest-environment jsdom`; everything else runs in Node against real components.
//
// Every timeout here is an upper bound, never a wait: a test that works finishes as soon as it can. They are sized
// for CI's 2-core machine while it is busy with other work, where the whole suite runs two to three times slower
// than on an idle one; the waits inside the tests are for conditions (vi.waitFor, testing-library's waitFor,
// polling real state), never for a fixed time.
export default defineConfig({
  test: {
    include: ['{core,bot,web,tabs,addin,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll (the browser tests poll the page with it) gives up after 1 s by default.
    expect: { poll: { timeout: 30_000 } },
    // Builds what the tests drive (the service, the tab, the task pane, the handler bundle) when it is missing.
    globalSetup: ['./test/support/global-setup.ts'],
    // testing-library's async utilities sized like the rest (acts in jsdom test files only).
    setupFiles: ['./test/support/setup-dom.ts'],
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
