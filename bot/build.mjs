// Bundles the service into dist/main.js. Workspace code (@humandebt/core, TypeScript) is bundled in; npm packages
// stay external and load from node_modules at run time (better-sqlite3 is native and cannot be bundled anyway).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@humandebt/'));

await build({
  entryPoints: {
    main: new URL('./src/main.ts', import.meta.url).pathname,
    admin: new URL('./src/admin/cli.ts', import.meta.url).pathname,
  },
  outdir: new URL('./dist', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  define: { 'process.env.HD_VERSION': JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
console.log('bot: built dist/main.js and dist/admin.js');
