import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text the service serves compressed (bot/src/http/precompressed-static.ts); anything smaller gains nothing. */
const COMPRESSIBLE = /\.(?:m?js|css|html|svg|json)$/;
const MIN_BYTES = 1024;

/**
 * Writes `file.br` (brotli, best level) and `file.gz` (gzip -9) next to every compressible file of the finished
 * build, for the service to send to browsers that accept them. Runs after every other plugin's `closeBundle`, so
 * files other plugins add to the build folder (the add-in's handler scripts) are compressed too. A sibling that would
 * not be smaller is not written.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'humandebt-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        for (const file of await filesUnder(outDir)) {
          if (!COMPRESSIBLE.test(file)) continue;
          const source = await readFile(file);
          if (source.length < MIN_BYTES) continue;
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
            gzipAsync(source, { level: 9 }),
          ]);
          if (br.length < source.length) await writeFile(`${file}.br`, br);
          if (gz.length < source.length) await writeFile(`${file}.gz`, gz);
        }
      },
    },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
