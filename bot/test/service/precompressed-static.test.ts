import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts } from '../../src/http/precompressed-static';
import { startTestService } from '../support';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET/HEAD with exactly the headers given (Node's fetch would add its own Accept-Encoding and decode the body). */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SCRIPT = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;

describe('precompressed static assets', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let dir: string;
  const outsideSecret = brotliCompressSync('secret');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hd-static-'));
    const tab = join(dir, 'tab');
    mkdirSync(join(tab, 'assets'), { recursive: true });
    writeFileSync(join(tab, 'index.html'), '<!doctype html><title>Human Debt</title>');
    writeFileSync(join(tab, 'assets', 'app.js'), SCRIPT);
    writeFileSync(join(tab, 'assets', 'app.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(tab, 'assets', 'app.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(tab, 'assets', 'plain.js'), SCRIPT); // a file the build left without siblings
    // A compressed file next to the served folder: no spelling of a path may reach it.
    writeFileSync(join(dir, 'secret.js'), 'secret');
    writeFileSync(join(dir, 'secret.js.br'), outsideSecret);
    svc = await startTestService({}, { staticRoots: { tab, addin: join(dir, 'addin') } });
  });
  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli sibling to a browser that accepts br, typed and cached as the file itself', async () => {
    const res = await raw(`${svc.url}/tab/assets/app.js`, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(String(res.headers.vary)).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
  });

  it('falls back to gzip, then to the file itself, by what the browser accepts', async () => {
    const gz = await raw(`${svc.url}/tab/assets/app.js`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const refusesBr = await raw(`${svc.url}/tab/assets/app.js`, { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' });
    expect(refusesBr.headers['content-encoding']).toBe('gzip');

    for (const header of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const res = await raw(`${svc.url}/tab/assets/app.js`, header === undefined ? {} : { 'Accept-Encoding': header });
      expect(res.status, String(header)).toBe(200);
      expect(res.headers['content-encoding'], String(header)).toBeUndefined();
      expect(String(res.headers.vary), String(header)).toMatch(/Accept-Encoding/i);
      expect(res.body.toString(), String(header)).toBe(SCRIPT);
    }
  });

  it('serves a file without siblings as it is, and answers HEAD with the headers only', async () => {
    const plain = await raw(`${svc.url}/tab/assets/plain.js`, { 'Accept-Encoding': 'br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);

    const head = await raw(`${svc.url}/tab/assets/app.js`, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);

    const index = await raw(`${svc.url}/tab/`, { 'Accept-Encoding': 'br' });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
  });

  it('never serves anything outside the folder, however the path is spelled', async () => {
    for (const path of [
      '/tab/../secret.js',
      '/tab/..%2fsecret.js',
      '/tab/%2e%2e/secret.js',
      '/tab/assets/..%2f..%2fsecret.js',
      '/tab/%00app.js',
      '/tab/%E0%A4%A',
    ]) {
      const res = await raw(`${svc.url}${path}`, { 'Accept-Encoding': 'br' });
      expect(res.status, path).not.toBe(200);
      expect(res.body.equals(outsideSecret), path).toBe(false);
      expect(res.body.toString(), path).not.toContain('secret');
    }
  });
});

describe('Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br', 'br', true],
    ['gzip, deflate, br', 'gzip', true],
    ['gzip', 'br', false],
    ['br;q=0', 'br', false],
    ['BR;Q=0.1', 'br', true],
    ['*', 'br', true],
    ['*;q=0', 'gzip', false],
    ['br;q=0, *', 'br', false],
    ['gzip;q=0, *;q=0.5', 'br', true],
    ['br;q=abc', 'br', false],
    ['', 'br', false],
  ] as const)('%j accepts %s: %s', (header, token, expected) => {
    expect(accepts(header, token)).toBe(expected);
  });
  it('takes no header as no compression', () => {
    expect(accepts(undefined, 'gzip')).toBe(false);
  });
});
