import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of DESIGN §2, checked on every import statement in the source tree:
 * core is pure, web/tabs/addin never reach into bot, web/ holds no host SDK, and each SDK stays in its one folder.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(IMPORT)) specs.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return specs;
}

const rel = (f: string) => relative(root, f).split(sep).join('/');
const files = (folder: string) =>
  sourceFiles(join(root, folder)).map((f) => ({ path: rel(f), imports: importsOf(readFileSync(f, 'utf8')) }));

/** [package pattern, folders where it may be imported] */
const SDK_SEAMS: Array<[RegExp, RegExp, string]> = [
  [/^botbuilder/, /^bot\/src\/teams\//, 'botbuilder only in bot/src/teams/'],
  [/^(@azure\/cosmos|better-sqlite3)$/, /^bot\/src\/store\//, 'database drivers only in bot/src/store/'],
  [/^@microsoft\/(teams-js|teamsfx)/, /^tabs\/src\/teams\//, 'teams-js/teamsfx only in tabs/src/teams/'],
  [
    /^(@azure\/msal-browser|@microsoft\/office-js)/,
    /^addin\/src\/office\//,
    'office-js and MSAL only in addin/src/office/',
  ],
];

describe('architecture', () => {
  it('finds imports in every syntax the rule must see (guards the checker itself)', () => {
    const sample = `import a from 'x1';\nimport { b } from "x2";\nexport * from './x3';\nconst c = await import('x4');\nconst d = require('x5');\nimport 'x6';\nimport type { E } from 'x7';`;
    expect(importsOf(sample).sort()).toEqual(['./x3', 'x1', 'x2', 'x4', 'x5', 'x6', 'x7']);
  });

  it('keeps core/ pure: only relative imports and zod (classic or mini)', () => {
    const offenders = files('core/src').flatMap((f) =>
      f.imports.filter((s) => !s.startsWith('.') && s !== 'zod' && s !== 'zod/mini').map((s) => `${f.path} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never lets web/, tabs/ or addin/ import bot/', () => {
    const offenders = [
      ...files('web/src'),
      ...files('web/test-support'),
      ...files('tabs/src'),
      ...files('addin/src'),
    ].flatMap((f) =>
      f.imports.filter((s) => s.startsWith('@humandebt/bot') || /(^|\/)bot\//.test(s)).map((s) => `${f.path} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps web/ free of host SDKs and bot: it runs in the tab and in the task pane alike', () => {
    const HOST_ONLY =
      /^(@microsoft\/(teams-js|teamsfx|office-js)|office-js|@types\/office-js|@azure\/msal-|botbuilder|@humandebt\/(bot|tabs|addin)(\/|$))|(^|\/)(bot|tabs|addin)\//;
    // Guard the pattern itself: it must catch every host SDK and bot path, and let core, Fluent and React through.
    for (const spec of [
      '@microsoft/teams-js',
      '@microsoft/teamsfx',
      '@microsoft/office-js',
      '@azure/msal-browser',
      'botbuilder',
      '@humandebt/bot',
      '../../bot/src/main',
    ])
      expect(HOST_ONLY.test(spec), spec).toBe(true);
    for (const spec of ['@humandebt/core', '@fluentui/react-components', 'react', './api/api-client'])
      expect(HOST_ONLY.test(spec), spec).toBe(false);
    const offenders = [...files('web/src'), ...files('web/test-support')].flatMap((f) =>
      f.imports.filter((s) => HOST_ONLY.test(s)).map((s) => `${f.path} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps each SDK inside its one folder', () => {
    const all = ['core/src', 'bot/src', 'web/src', 'tabs/src', 'addin/src'].flatMap(files);
    const offenders: string[] = [];
    for (const f of all) {
      for (const spec of f.imports) {
        for (const [pkg, allowed, rule] of SDK_SEAMS)
          if (pkg.test(spec) && !allowed.test(f.path)) offenders.push(`${f.path} → ${spec} (${rule})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has every workspace on the strict shared base', () => {
    const base = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { strict: boolean };
    };
    expect(base.compilerOptions.strict).toBe(true);
    for (const ws of ['core', 'bot', 'web', 'tabs', 'addin']) {
      const cfg = JSON.parse(readFileSync(join(root, ws, 'tsconfig.json'), 'utf8')) as {
        extends: string;
        compilerOptions?: { strict?: boolean };
      };
      expect(cfg.extends, ws).toBe('../tsconfig.json');
      expect(cfg.compilerOptions?.strict, ws).not.toBe(false);
    }
  });
});
