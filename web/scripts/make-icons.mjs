// Draws the app icons (PNG) from the same geometry as the SVG mark, with no image library:
// 4×4 supersampling per pixel, then a minimal PNG encoder. Run: node web/scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const RED = [200, 16, 46];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const inRoundRect = (x, y, rx, ry, w, h, r) => {
  if (x < rx || y < ry || x > rx + w || y > ry + h) return false;
  const cx = Math.min(Math.max(x, rx + r), rx + w - r);
  const cy = Math.min(Math.max(y, ry + r), ry + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The mark in a 64-unit box (see web/components/shared/brand-mark.tsx). */
function colourAt(x, y, fullBleed) {
  // Maskable icons keep their content inside the central 80% safe zone.
  const s = fullBleed ? 0.8 : 1;
  const u = (x - 32) / s + 32;
  const v = (y - 32) / s + 32;
  const inside = fullBleed || inRoundRect(x, y, 0, 0, 64, 64, 14);
  if (!inside) return null;
  const line = Math.min(
    distToSegment(u, v, 12, 31, 32, 14),
    distToSegment(u, v, 32, 14, 52, 31),
    distToSegment(u, v, 19, 31, 19, 50),
    distToSegment(u, v, 19, 50, 45, 50),
    distToSegment(u, v, 45, 50, 45, 31),
  );
  const door = inRoundRect(u, v, 28, 37, 8, 13, 1.5);
  return line <= 2.5 || door ? WHITE : RED;
}

function draw(size, fullBleed) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(
            ((px + (sx + 0.5) / n) / size) * 64,
            ((py + (sy + 0.5) / n) / size) * 64,
            fullBleed,
          );
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((a / (n * n)) * 255);
      }
    }
  }
  return png(size, out);
}

const dir = new URL('../public/icons/', import.meta.url);
for (const [name, size, fullBleed] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]) {
  writeFileSync(new URL(name, dir), draw(size, fullBleed));
  console.log(`wrote web/public/icons/${name}`);
}
