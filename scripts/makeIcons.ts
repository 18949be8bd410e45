// Makes the packaging icons from assets/icon.svg: assets/icon.png (512×512, Linux AppImage/deb)
// and assets/icon.ico (Windows exe, installer and shortcuts). Run once after changing the SVG
// (`npm run icons`) and commit the results: packaging never converts icons itself.
//
// The ICO holds 16–48 px as classic 32-bit DIB images (what every Windows shell and NSIS read)
// and 64–256 px as PNG (Vista+; electron-builder wants a 256×256 entry).
import { Resvg } from '@resvg/resvg-js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ICO_DIB_SIZES = [16, 24, 32, 48];
const ICO_PNG_SIZES = [64, 128, 256];

export function renderPng(svg: string, size: number): Buffer {
  const r = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' });
  return Buffer.from(r.render().asPng());
}

/** A BMP (DIB) icon image: BITMAPINFOHEADER, 32-bit BGRA rows bottom-up, then the AND mask. */
function dibImage(png: Buffer): Buffer {
  const { width: w, height: h, data } = PNG.sync.read(png);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // biSize
  header.writeInt32LE(w, 4);
  header.writeInt32LE(h * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(0, 16); // BI_RGB
  const pixels = Buffer.alloc(w * h * 4);
  const maskStride = Math.ceil(w / 32) * 4;
  const mask = Buffer.alloc(maskStride * h); // all 0: alpha channel decides
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const src = (y * w + x) * 4;
      const dst = ((h - 1 - y) * w + x) * 4;
      pixels[dst] = data[src + 2]!;
      pixels[dst + 1] = data[src + 1]!;
      pixels[dst + 2] = data[src]!;
      pixels[dst + 3] = data[src + 3]!;
    }
  }
  header.writeUInt32LE(pixels.length + mask.length, 20); // biSizeImage
  return Buffer.concat([header, pixels, mask]);
}

export function makeIco(svg: string): Buffer {
  const images = [
    ...ICO_DIB_SIZES.map((s) => ({ size: s, data: dibImage(renderPng(svg, s)) })),
    ...ICO_PNG_SIZES.map((s) => ({ size: s, data: renderPng(svg, s) })),
  ];
  const dir = Buffer.alloc(6);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // icon
  dir.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([dir, ...entries, ...images.map((i) => i.data)]);
}

/** The sizes in an ICO file's directory (for the tests and a quick look). */
export function icoSizes(ico: Buffer): number[] {
  const n = ico.readUInt16LE(4);
  return Array.from({ length: n }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets');
  const svg = fs.readFileSync(path.join(assets, 'icon.svg'), 'utf8');
  fs.writeFileSync(path.join(assets, 'icon.png'), renderPng(svg, 512));
  const ico = makeIco(svg);
  fs.writeFileSync(path.join(assets, 'icon.ico'), ico);
  console.log(`assets/icon.png (512×512) and assets/icon.ico (${icoSizes(ico).join(', ')} px) written from assets/icon.svg`);
}
