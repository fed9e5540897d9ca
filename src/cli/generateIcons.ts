import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/**
 * Writes the app icons (public/icons): a blue tile with three white bars, the
 * barometer. Run once after a design change: `npx tsx src/cli/generateIcons.ts`.
 */
const BLUE = [0x00, 0x62, 0xba];
const WHITE = [0xff, 0xff, 0xff];
const BARS = [
  { x: 0.22, top: 0.55 },
  { x: 0.42, top: 0.35 },
  { x: 0.62, top: 0.22 },
];

function pixel(u: number, v: number, maskable: boolean): number[] {
  const inset = maskable ? 0.1 : 0;
  const su = (u - inset) / (1 - 2 * inset);
  const sv = (v - inset) / (1 - 2 * inset);
  const onBar = BARS.some((b) => su >= b.x && su <= b.x + 0.14 && sv >= b.top && sv <= 0.78);
  return onBar ? WHITE : BLUE;
}

function png(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x / size, y / size, maskable);
      raw.set([r ?? 0, g ?? 0, b ?? 0], y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

writeFileSync('public/icons/icon-192.png', png(192, false));
writeFileSync('public/icons/icon-512.png', png(512, false));
writeFileSync('public/icons/maskable-512.png', png(512, true));
const bars = BARS.map(
  (b) =>
    `<rect x="${b.x * 512}" y="${b.top * 512}" width="${0.14 * 512}" height="${(0.78 - b.top) * 512}" fill="#fff"/>`,
).join('');
writeFileSync(
  'public/icons/icon.svg',
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#0062ba"/>${bars}</svg>\n`,
);
