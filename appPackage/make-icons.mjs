// Draws the app's icons deterministically with Node built-ins only (zlib for PNG), so they can be regenerated and
// reviewed as code: `node appPackage/make-icons.mjs`. Same input, same bytes.
//  - color.png    192×192: white "rising bars" (measure → act → re-measure) on the accent colour, full bleed.
//  - outline.png   32×32:  the same glyph, white on transparent (Teams requires exactly that for the outline icon).
// The Outlook ribbon icons are the add-in's own (addin/public/icon-*.png, served under /addin/).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ACCENT = [0x2f, 0x6f, 0x73]; // #2F6F73, also the manifest's accentColor
const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA8 PNG from a pixel function (x, y) → [r, g, b, a]. */
export function encodePng(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Three rounded bars rising left to right, on a 0..1 canvas with a margin. */
function inGlyph(u, v, margin) {
  const inner = 1 - 2 * margin;
  const x = (u - margin) / inner;
  const y = (v - margin) / inner;
  if (x < 0 || x > 1 || y < 0 || y > 1) return false;
  const bars = [
    { x0: 0.04, x1: 0.28, top: 0.55 },
    { x0: 0.38, x1: 0.62, top: 0.3 },
    { x0: 0.72, x1: 0.96, top: 0.04 },
  ];
  const r = 0.08;
  for (const b of bars) {
    if (x < b.x0 || x > b.x1 || y < b.top || y > 0.96) continue;
    // Round the top corners only.
    const cx = x < b.x0 + r ? b.x0 + r : x > b.x1 - r ? b.x1 - r : x;
    const cy = y < b.top + r ? b.top + r : y;
    if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
  }
  return false;
}

/** Coverage 0..1 by 4×4 supersampling: smooth edges, still deterministic. */
function coverage(px, py, size, margin) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++)
      if (inGlyph((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size, margin)) hits++;
  return hits / 16;
}

export function colorIcon(size = 192) {
  return encodePng(size, size, (x, y) => {
    const c = coverage(x, y, size, 0.22);
    const mix = (bg) => Math.round(bg + (255 - bg) * c);
    return [mix(ACCENT[0]), mix(ACCENT[1]), mix(ACCENT[2]), 255];
  });
}

export function outlineIcon(size = 32) {
  return encodePng(size, size, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, size, 0.12))]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, 'color.png'), colorIcon());
  writeFileSync(join(here, 'outline.png'), outlineIcon());
  console.log('appPackage: wrote color.png and outline.png');
}
