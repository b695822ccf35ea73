import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv, placeholdersOf, read, root } from './support';

/**
 * The Agents Toolkit project files (teamsapp*.yml), read line by line (no YAML parser is installed and the files are
 * flat lists of actions): the lifecycles hold the steps the deployment guide promises, every file they name exists,
 * and the env/ templates hold no secret.
 */

/** `uses:` of each lifecycle, in order. */
function lifecycles(path: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current: string | undefined;
  for (const line of read(path).split('\n')) {
    const top = /^([a-zA-Z]+):\s*$/.exec(line);
    if (top) current = top[1];
    const uses = /^\s*-\s*uses:\s*(\S+)/.exec(line);
    if (uses && current) (out[current] ??= []).push(uses[1]!);
  }
  return out;
}

const pathsIn = (path: string): string[] =>
  [...read(path).matchAll(/^\s*(?:-\s*)?(?:path|parameters|manifestPath|ignoreFile):\s*(\.\/\S+)/gm)].map((m) => m[1]!);

describe('Agents Toolkit project files', () => {
  it('teamsapp.yml provisions and deploys the whole suite', () => {
    const l = lifecycles('teamsapp.yml');
    expect(read('teamsapp.yml')).toMatch(/^version: v1\.\d+$/m);
    expect(l.provision).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(l.deploy).toEqual([
      'file/createOrUpdateEnvironmentFile',
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
    ]);
    expect(read('teamsapp.yml')).toMatch(/parameters: \.\/infra\/azure\.parameters\.\$\{\{TEAMSFX_ENV\}\}\.json/);
    expect(read('teamsapp.yml')).toMatch(/resourceId: \$\{\{AZURE_APP_SERVICE_RESOURCE_ID\}\}/);
  });

  it('teamsapp.local.yml debugs against a tunnel with a single-tenant bot, and the playground variant needs no tenant', () => {
    const local = lifecycles('teamsapp.local.yml');
    expect(local.provision).toContain('arm/deploy');
    expect(local.provision).toContain('teamsApp/extendToM365');
    expect(read('teamsapp.local.yml')).toContain('./infra/local-bot.bicep');
    const playground = lifecycles('teamsapp.testtool.yml');
    expect(playground.provision).toBeUndefined();
    expect(playground.deploy).toEqual(['cli/runNpmCommand', 'file/createOrUpdateEnvironmentFile']);
  });

  for (const file of ['teamsapp.yml', 'teamsapp.local.yml', 'teamsapp.testtool.yml']) {
    it(`${file}: every file it names exists (per environment where templated)`, () => {
      for (const p of pathsIn(file)) {
        const candidates = p.includes('${{TEAMSFX_ENV}}')
          ? ['dev', 'prod'].map((e) => p.replace('${{TEAMSFX_ENV}}', e))
          : [p];
        for (const c of candidates) expect(existsSync(join(root, c)), `${file}: ${c}`).toBe(true);
      }
    });
  }

  it('writes generated secrets only to git-ignored files', () => {
    const gitignore = read('.gitignore');
    expect(gitignore).toMatch(/^\.env\.\*\.user$/m);
    for (const file of ['teamsapp.yml', 'teamsapp.local.yml', 'teamsapp.testtool.yml']) {
      for (const m of read(file).matchAll(/target:\s*(\S+)/g)) {
        const target = m[1]!;
        const block = read(file)
          .slice(m.index!, m.index! + 600)
          .split(/\n\s*-\s*uses:/)[0]!;
        if (/SECRET_/.test(block)) expect(target, `${file}: a secret is written to ${target}`).toMatch(/\.user$/);
      }
    }
  });

  it('keeps env/ templates free of secrets and declares what teamsapp.yml and the parameter files read', () => {
    const envFiles = readdirSync(join(root, 'env')).filter((f) => /^\.env\.[a-z]+$/.test(f));
    expect(envFiles).toEqual(expect.arrayContaining(['.env.dev', '.env.prod', '.env.local', '.env.playground']));
    for (const f of envFiles) {
      const env = parseEnv(read(`env/${f}`));
      for (const [k, v] of Object.entries(env)) {
        if (/SECRET|PASSWORD|KEY$/.test(k)) expect(v, `env/${f}: ${k} must stay empty here (use ${f}.user)`).toBe('');
      }
    }
    for (const envName of ['dev', 'prod']) {
      const env = parseEnv(read(`env/.env.${envName}`));
      const needed = new Set([
        ...placeholdersOf(read('teamsapp.yml')),
        ...placeholdersOf(read(`infra/azure.parameters.${envName}.json`)),
        ...placeholdersOf(read('aad.manifest.json')),
      ]);
      // TEAMSFX_ENV is set by the toolkit itself; SECRET_* live in the .user file.
      const missing = [...needed].filter((n) => n !== 'TEAMSFX_ENV' && !n.startsWith('SECRET_') && !(n in env));
      expect(missing, `env/.env.${envName}`).toEqual([]);
    }
  });
});
