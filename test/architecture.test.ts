import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { BOUNDARIES, brokenBoundaries } from '../lint/house-boundaries.js';

/**
 * The house's layering lives in one table (lint/house-boundaries.js) that ESLint applies to every import. These tests
 * prove each row bites, and that the repository's own ESLint configuration turns the rule on for product code, so
 * dropping a row or the rule fails here rather than silently letting an SDK leak into core/.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

/** [file, import specifier, which boundary it must break (undefined: allowed)] */
const PROBES: Array<[string, string, string | undefined]> = [
  ['core/src/measurement/probe.ts', 'botbuilder', 'core/'],
  ['core/src/measurement/probe.ts', 'react', 'core/'],
  ['core/src/measurement/probe.ts', 'node:fs', 'core/'],
  ['core/src/measurement/probe.ts', '@azure/cosmos', 'core/'],
  ['core/src/measurement/probe.ts', 'zod', undefined],
  ['core/src/measurement/probe.ts', 'zod/mini', undefined],
  ['core/src/measurement/probe.ts', './items', undefined],
  ['tabs/src/dashboard/probe.tsx', '@humandebt/bot', 'never import bot/'],
  ['addin/src/components/probe.tsx', '../../../bot/src/config', 'never import bot/'],
  ['web/src/api/probe.ts', '@microsoft/teams-js', 'web/ runs in the tab and in the task pane'],
  ['web/test-support/probe.ts', '@microsoft/office-js', 'web/ runs in the tab and in the task pane'],
  ['web/src/api/probe.ts', '@humandebt/core', undefined],
  ['bot/src/app-probe.ts', 'botbuilder', 'botbuilder only in bot/src/teams/'],
  ['bot/src/teams/probe.ts', 'botbuilder', undefined],
  ['bot/src/teams/probe.ts', 'botframework-connector', undefined],
  ['bot/src/http/probe.ts', 'better-sqlite3', 'database drivers only in bot/src/store/'],
  ['bot/src/pulse/probe.ts', '@azure/cosmos', 'database drivers only in bot/src/store/'],
  ['bot/src/store/probe.ts', 'better-sqlite3', undefined],
  ['tabs/src/dashboard/probe.tsx', '@microsoft/teams-js', 'teams-js and teamsfx only in tabs/src/teams/'],
  ['tabs/src/teams/probe.ts', '@microsoft/teams-js', undefined],
  ['addin/src/components/probe.tsx', '@azure/msal-browser', 'Office.js and MSAL only in addin/src/office/'],
  ['addin/src/office/probe.ts', '@azure/msal-browser', undefined],
  ['bot/test/probe.test.ts', 'botbuilder', undefined],
];

describe('architecture', () => {
  it.each(PROBES)('%s importing %s: %s', (file, spec, breaks) => {
    const broken = brokenBoundaries(file, spec);
    if (breaks === undefined) expect(broken).toEqual([]);
    else
      expect(
        broken.some((why) => why.includes(breaks)),
        broken.join('; '),
      ).toBe(true);
  });

  it('has a probe that each boundary refuses (no row of the table goes untested)', () => {
    const refusedBy = new Set(
      PROBES.flatMap(([file, spec]) => BOUNDARIES.filter((b) => brokenBoundaries(file, spec).includes(b.why))),
    );
    expect(BOUNDARIES.filter((b) => !refusedBy.has(b)).map((b) => b.name)).toEqual([]);
  });

  it("fails the repository's own lint for an SDK imported into core/, in every import syntax", async () => {
    const eslint = new ESLint({ cwd: root });
    const probe = [
      "import { TurnContext } from 'botbuilder';",
      "export * from 'botbuilder-core';",
      "import 'react';",
      "const fs = await import('node:fs');",
      'export const probe = [TurnContext, fs];',
      '',
    ].join('\n');
    // An existing file's path, so the type-aware rules find it in core's project.
    const [result] = await eslint.lintText(probe, { filePath: join(root, 'core/src/index.ts') });
    const boundaryLines = result!.messages.filter((m) => m.ruleId === 'house/boundaries').map((m) => m.line);
    expect(boundaryLines).toEqual([1, 2, 3, 4]);
  }, 120_000);

  it('turns the boundary rule on, as an error, for every product folder', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of [
      'core/src/index.ts',
      'bot/src/server.ts',
      'web/src/index.ts',
      'tabs/src/main.tsx',
      'addin/src/TaskPane.tsx',
    ]) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as { rules?: Record<string, unknown> };
      const setting = config.rules?.['house/boundaries'];
      expect([setting].flat()[0], file).toBe(2);
    }
  }, 120_000);

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
