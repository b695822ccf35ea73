import { fileURLToPath } from 'node:url';
import griffel from '@griffel/vite-plugin';
import react from '@vitejs/plugin-react';
// Build-time helper shared with the other app (not part of the web package's browser code).
import { precompress } from '../web/build/vite-precompress';
import { build, defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * The event-handler scripts, built after the task pane into the same dist/ as classic scripts (IIFE, one file each, no
 * imports): classic Outlook on Windows runs handlers in a JavaScript-only runtime that loads exactly one JS file and
 * supports no modules.
 *  - commands.js: the handlers and the engine (≤ 30 KB gzip); core validates settings with zod/mini, which fits.
 *  - naa-broker.js: MSAL's nested app authentication, loaded before commands.js by commands.html where a page exists.
 * public/commands.html is copied as is by the task pane build.
 */
function handlerScripts(): Plugin {
  let outDir = 'dist';
  return {
    name: 'humandebt-handler-scripts',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const script = (entry: string, fileName: string, alias: Record<string, string> = {}) =>
        build({
          configFile: false,
          root,
          logLevel: 'warn',
          resolve: { alias },
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            // The JavaScript-only runtime is not a current browser: lower newer syntax (optional chaining, class fields).
            target: 'es2019',
            minify: true,
            lib: { entry: src(entry), formats: ['iife'], name: 'HumanDebtHandlers', fileName: () => fileName },
          },
        });
      await script('commands/main.ts', 'commands.js');
      await script('office/naa-broker.entry.ts', 'naa-broker.js');
    },
  };
}

// The service (bot/) serves this build under /addin/ on its own origin, next to /api/v1. The manifest points the
// task pane at /addin/taskpane.html and the event runtime at /addin/commands.html (classic Outlook: commands.js).
export default defineConfig({
  root,
  base: '/addin/',
  plugins: [
    react(),
    // Griffel's ahead-of-time transform, as in the tab (see tabs/vite.config.ts): makeStyles in `*.styles.ts` is
    // precomputed at build time instead of resolved during the pane's first render.
    { ...griffel({ include: [/\.styles\.ts$/] }), apply: 'build' },
    handlerScripts(),
    // Brotli and gzip siblings of every asset, which the service sends to browsers that accept them.
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // React 19 + Fluent v9 + zod is ~500 KB minified (~140 KB gzip) in one chunk by design: the budget that matters
    // is the gzip size (reference figures in docs/platform-limits.md), so the default 500 KB minified warning is
    // raised, not ignored.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: { taskpane: fileURLToPath(new URL('./taskpane.html', import.meta.url)) },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3978' },
  },
});
