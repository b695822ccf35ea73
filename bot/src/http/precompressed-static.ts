import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * Serves the build's precompressed siblings (`app.js.br`, `app.js.gz`, written by the tab's and the add-in's Vite
 * builds) in place of the file itself when the browser accepts that encoding. The tab's first screen is ~600 KB of
 * JavaScript as built and ~170 KB compressed: over a corporate network to Teams that difference is the load time.
 * Compressing at build time (brotli at its best level) costs the service no CPU per request.
 *
 * Anything it does not serve (no sibling, an encoding the browser refuses, a path outside the root, not GET/HEAD)
 * falls through to express.static, which serves the file as it is.
 */
export interface PrecompressedOptions {
  /** Cache-Control max-age for assets, in seconds (HTML is always revalidated). */
  maxAgeSeconds: number;
}

const ENCODINGS = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
] as const;

/** The same types express.static gives these files, so a compressed answer is read the same way. */
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

export function precompressedStatic(root: string, options: PrecompressedOptions) {
  const base = normalize(resolve(root) + sep);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = resolveInside(base, req.path);
    const type = file === undefined ? undefined : TYPES[extname(file)];
    if (file === undefined || type === undefined) return next();
    // Every answer for a compressible file depends on Accept-Encoding, the uncompressed one included: caches must
    // not hand a brotli body to a client that did not ask for it, nor the reverse.
    res.vary('Accept-Encoding');
    for (const encoding of ENCODINGS) {
      if (!accepts(req.get('accept-encoding'), encoding.token)) continue;
      const compressed = file + encoding.suffix;
      if (!(await isFile(compressed))) continue;
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', encoding.token);
      // As express.static answers the same file: HTML revalidates (a new build's hashed assets must be picked up),
      // content-hashed assets are cached.
      res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : `public, max-age=${options.maxAgeSeconds}`);
      res.sendFile(compressed, { cacheControl: false }, (error) => {
        if (error && !res.headersSent) {
          res.removeHeader('Content-Encoding');
          res.removeHeader('Cache-Control');
          next();
        }
      });
      return;
    }
    next();
  };
}

/** The file a URL path names under `base`, or undefined for anything that is not plainly inside it. */
function resolveInside(base: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = normalize(join(base, decoded));
  if (!path.startsWith(base) || path.endsWith(sep)) return undefined;
  return path;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether an Accept-Encoding header accepts `token` (RFC 9110 §12.5.3): listed, or covered by `*`, with a q-value
 * above 0. No header means no preference, but compressed bodies are only sent to clients that ask for them.
 */
export function accepts(header: string | undefined, token: string): boolean {
  if (!header) return false;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = qValue(params);
    if (name.trim() === token) return q > 0;
    if (name.trim() === '*') star = q;
  }
  return star !== undefined && star > 0;
}

function qValue(params: string[]): number {
  for (const param of params) {
    const [key, value] = param.trim().split('=');
    if (key === 'q') {
      const q = Number(value);
      return Number.isFinite(q) ? q : 0;
    }
  }
  return 1;
}
