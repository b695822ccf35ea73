import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Component tests opt into jsdom per file with
// `// @vitest-environment jsdom`; everything else runs in Node against real components.
export default defineConfig({
  test: {
    include: ['{core,bot,web,tabs,addin,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
