import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// One runtime is named in four places (CI, App Service, engines, @types/node); they must name the same major.
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const ciMajor = Number(/^(\d+)\.\d+\.\d+$/.exec(read('.nvmrc').trim())?.[1]);

describe('the Node runtime', () => {
  it('is an exact LTS version in .nvmrc, the one CI installs', () => {
    expect(ciMajor).toBeGreaterThanOrEqual(24);
    expect(ciMajor % 2, 'LTS lines are even').toBe(0);
    expect(read('.ci/run')).toMatch(/\.nvmrc/);
  });

  it('is the one App Service deploys', () => {
    expect(read('infra/modules/appservice.bicep')).toMatch(new RegExp(`linuxFxVersion: 'NODE\\|${ciMajor}-lts'`));
  });

  it('is what engines and @types/node name, next to the Node 20 line the README commands still support', () => {
    const ranges = pkg.engines.node.split('||').map((r) => r.trim());
    expect(ranges).toEqual(['^20.19.0', `^${ciMajor}.0.0`]);
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${ciMajor}\\.`));
  });

  it('runs this suite on a supported line', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect([20, ciMajor]).toContain(major);
  });
});
