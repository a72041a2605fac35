#!/usr/bin/env node
/**
 * Draws the add-in icons (assets/icon-16|32|64|80.png): three rising bars under a gold quota
 * line on a rounded blue tile. Written with a tiny PNG encoder (zlib only) so the icons can be
 * regenerated anywhere: `node scripts/make-icons.js`. The PNGs are committed; the build only
 * copies them.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80];
const OUT_DIR = path.resolve(__dirname, "..", "assets");
const SUPERSAMPLE = 8; // samples per axis per pixel: smooth rounded corners

const TILE = [15, 108, 189]; // Fluent brand blue #0F6CBD
const BAR = [255, 255, 255];
const LINE = [255, 185, 0]; // Office gold #FFB900

/**
 * The design on a 16-unit grid: every size is a whole multiple of 16, so edges fall on whole
 * pixels; at 16 px the half-unit offsets are floored (bars shift left by half a pixel).
 */
const DESIGN = [
  { kind: "roundrect", x0: 0, y0: 0, x1: 16, y1: 16, r: 3, color: TILE },
  { kind: "rect", x0: 2.5, x1: 5.5, y0: 9, y1: 13, color: BAR },
  { kind: "rect", x0: 6.5, x1: 9.5, y0: 7, y1: 13, color: BAR },
  { kind: "rect", x0: 10.5, x1: 13.5, y0: 5, y1: 13, color: BAR },
  { kind: "rect", x0: 2.5, x1: 13.5, y0: 2.5, y1: 4, color: LINE },
];

function shapesFor(size) {
  const scale = size / 16;
  const px = (v) => (size === 16 ? Math.floor(v) : v * scale);
  return DESIGN.map((shape) =>
    shape.kind === "rect"
      ? { ...shape, x0: px(shape.x0), x1: px(shape.x1), y0: px(shape.y0), y1: px(shape.y1) }
      : { ...shape, x0: shape.x0 * scale, x1: shape.x1 * scale, y0: shape.y0 * scale, y1: shape.y1 * scale, r: shape.r * scale },
  );
}

function inside(shape, x, y) {
  if (x < shape.x0 || x > shape.x1 || y < shape.y0 || y > shape.y1) return false;
  if (shape.kind === "rect") return true;
  const { r } = shape;
  const cx = Math.min(Math.max(x, shape.x0 + r), shape.x1 - r);
  const cy = Math.min(Math.max(y, shape.y0 + r), shape.y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Average colour and coverage over SUPERSAMPLE² samples per pixel (shapes in pixel units). */
function render(size) {
  const shapes = shapesFor(size);
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          let color = null;
          for (const shape of shapes) if (inside(shape, x, y)) color = shape.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA, 8 bits per channel, no interlace; each scanline prefixed with filter type 0. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = path.join(OUT_DIR, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, render(size)));
  process.stdout.write(`${path.relative(process.cwd(), file)} (${size}x${size})\n`);
}
