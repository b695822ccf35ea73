// Builds the Microsoft 365 app package for one environment, with Node built-ins only:
//   node scripts/package-app.mjs --env dev        (npm run package -- --env dev)
// Fills the ${{NAME}} placeholders of appPackage/manifest.json from env/.env.<env> and then env/.env.<env>.user (secrets
// and per-machine values, git-ignored; a value there wins), refuses to build while a placeholder is unfilled, and
// writes appPackage/build/manifest.<env>.json and appPackage/build/appPackage.<env>.zip (manifest.json + icons at the
// root, as Teams and the Microsoft 365 admin center expect). The zip is deterministic: same input, same bytes.
//
// Options: --env <name> (required) · --env-dir <dir> (default env/) · --app-dir <dir> (default appPackage/)
//          --out <dir> (default <app-dir>/build)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Parses a dotenv file: KEY=VALUE lines, `#` comments, optional single or double quotes. */
export function parseEnv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))
      value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

export function loadEnv(envDir, name) {
  const base = join(envDir, `.env.${name}`);
  if (!existsSync(base)) throw new Error(`No environment file ${base}`);
  const env = parseEnv(readFileSync(base, 'utf8'));
  const user = `${base}.user`;
  if (existsSync(user)) Object.assign(env, parseEnv(readFileSync(user, 'utf8')));
  return env;
}

/** Replaces every ${{NAME}} in the manifest text; values are JSON-escaped because they land inside JSON strings. */
export function fillPlaceholders(text, env) {
  const missing = new Set();
  const filled = text.replace(PLACEHOLDER, (_m, name) => {
    const value = env[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0)
    throw new Error(
      `Unfilled manifest placeholders: ${[...missing].sort().join(', ')} (set them in env/.env.<env> or env/.env.<env>.user)`,
    );
  return filled;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A minimal ZIP writer (PKWARE APPNOTE 4.3): one local header + deflated data per entry, then the central directory
 * and its end record. No ZIP64 (an app package is a few KB), UTF-8 names, fixed timestamp 1980-01-01 00:00 so the
 * output does not change between builds.
 */
export function createZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attrs
    central.writeUInt32LE(0, 38); // external attrs
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, centralDir, end]);
}

/** The files a package holds: the filled manifest, its icons and any localization files it names. */
export function packageApp({ envName, envDir = join(ROOT, 'env'), appDir = join(ROOT, 'appPackage'), outDir } = {}) {
  if (!envName || !/^[A-Za-z0-9_-]+$/.test(envName))
    throw new Error('Give the environment: --env <name> (letters, digits, - or _)');
  const env = loadEnv(envDir, envName);
  const manifestText = fillPlaceholders(readFileSync(join(appDir, 'manifest.json'), 'utf8'), env);
  const manifest = JSON.parse(manifestText);
  const files = new Set([manifest.icons?.color, manifest.icons?.outline, manifest.icons?.color32x32].filter(Boolean));
  for (const l of manifest.localizationInfo?.additionalLanguages ?? []) files.add(l.file);
  if (manifest.localizationInfo?.defaultLanguageFile) files.add(manifest.localizationInfo.defaultLanguageFile);
  const entries = [{ name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') }];
  for (const f of [...files].sort()) {
    if (f.includes('..') || f.startsWith('/')) throw new Error(`Package file outside appPackage/: ${f}`);
    entries.push({ name: f, data: readFileSync(join(appDir, f)) });
  }
  const out = outDir ?? join(appDir, 'build');
  mkdirSync(out, { recursive: true });
  const zipPath = join(out, `appPackage.${envName}.zip`);
  writeFileSync(join(out, `manifest.${envName}.json`), manifestText);
  writeFileSync(zipPath, createZip(entries));
  return { zipPath, files: entries.map((e) => e.name) };
}

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--env') out.envName = next();
    else if (a.startsWith('--env=')) out.envName = a.slice(6);
    else if (a === '--env-dir') out.envDir = resolve(next());
    else if (a === '--app-dir') out.appDir = resolve(next());
    else if (a === '--out') out.outDir = resolve(next());
    else throw new Error(`Unknown option ${a}`);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { zipPath, files } = packageApp(args(process.argv.slice(2)));
    console.log(`app package: ${zipPath}\n  ${files.join('\n  ')}`);
  } catch (e) {
    console.error(`package-app: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
