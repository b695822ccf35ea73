import { fileURLToPath } from 'node:url';
import griffel from '@griffel/vite-plugin';
import react from '@vitejs/plugin-react';
// Build-time helper shared with the other app (not part of the web package's browser code).
import { precompress } from '../web/build/vite-precompress';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

/**
 * Lets the browser fetch chunks that are dynamic imports but needed on the first screen in parallel with the entry:
 * teams-js (imported lazily so tests never load it, but every page start needs it) and the dashboard (a deep link's
 * first screen). Without the hint each waits until the entry has run: one more round trip before the index shows.
 */
function preloadDynamicChunks(names: readonly string[]): Plugin {
  let base = '/';
  return {
    name: 'humandebt-preload-dynamic-chunks',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const files = new Set<string>();
        const add = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') chunk.imports.forEach(add);
        };
        for (const chunk of Object.values(bundle))
          if (chunk.type === 'chunk' && chunk.isDynamicEntry && names.includes(chunk.name)) add(chunk.fileName);
        const tags: HtmlTagDescriptor[] = [...files]
          .filter((f) => !html.includes(f))
          .map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` },
            injectTo: 'head',
          }));
        return { html, tags };
      },
    },
  };
}

// The service (bot/) serves this build under /tab/ on its own origin and answers /api/v1 there too, so asset URLs
// carry the /tab/ prefix and API calls stay same-origin. In `vite dev`, /api goes to a locally running service.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/tab/',
  plugins: [
    react(),
    // Griffel's ahead-of-time transform (Fluent's own components ship this way): each `*.styles.ts` makeStyles call
    // becomes its precomputed CSS rules, so the first render does not resolve and hash style objects (about 20 ms
    // of the dashboard's first render measured in Chromium). Only the styles files: they import nothing but Fluent,
    // which the transform evaluates at build time.
    { ...griffel({ include: [/\.styles\.ts$/] }), apply: 'build' },
    preloadDynamicChunks(['teams-sdk', 'Dashboard']),
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
      // core/ is pure by design (docs/architecture.md: no I/O, no SDKs, lint-enforced), so a core module the tab does
      // not use is dropped even though its top-level constants look like side effects to the bundler (the item
      // bank, time-zone tables and retro machine would otherwise ride along with the contracts, ~5 KB gzip).
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]core[\\/]src[\\/]/.test(id) },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3978' },
  },
});
