// `npm run bench`: runs every test/bench/*.bench.ts (each exports `run()`), prints each figure with the baseline
// measured in the same run and the ratio, and writes one report as markdown and JSON to bench-results/.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  figures: Record<string, number>;
  /** What the ratio is measured against (a baseline from the same run). */
  baseline: string;
  ratio: number;
  target: string;
  pass?: boolean;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    run?: () => Promise<BenchResult | BenchResult[]>;
  };
  if (typeof mod.run !== 'function') continue;
  process.stdout.write(`\n▶ ${file}\n`);
  const out = await mod.run();
  for (const r of Array.isArray(out) ? out : [out]) {
    results.push(r);
    process.stdout.write(
      `  ${r.name}: ${Object.entries(r.figures)
        .map(([k, v]) => `${k}=${round(v)}`)
        .join(
          ', ',
        )}\n  ratio ${round(r.ratio)} vs ${r.baseline} (target ${r.target})${r.pass === undefined ? '' : r.pass ? ' ✓' : ' ✗'}\n`,
    );
  }
}

const machine = {
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
const outDir = join(here, '..', '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
const when = new Date().toISOString();
writeFileSync(join(outDir, 'report.json'), JSON.stringify({ when, machine, results }, null, 2));
const md = [
  `# Benchmark report`,
  ``,
  `${when} · Node ${machine.node} · ${machine.cpus} cores (${machine.cpu}) · ${machine.memoryGiB} GiB`,
  ``,
  `| benchmark | figures | baseline (same run) | ratio | target |`,
  `|---|---|---|---|---|`,
  ...results.map(
    (r) =>
      `| ${r.name} | ${Object.entries(r.figures)
        .map(([k, v]) => `${k} ${round(v)}`)
        .join(
          '<br>',
        )} | ${r.baseline} | ${round(r.ratio)} | ${r.target}${r.pass === undefined ? '' : r.pass ? ' ✓' : ' ✗'} |`,
  ),
  ``,
].join('\n');
writeFileSync(join(outDir, 'report.md'), md);
process.stdout.write(`\nReport: bench-results/report.md and report.json (${results.length} results)\n`);

function round(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}
