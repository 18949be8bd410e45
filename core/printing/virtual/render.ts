// Draws a decoded job as the receipt it would become: SVG at one pixel per printer dot, then
// PNG through resvg with the DejaVu fonts. Text sits in the printer's 12×24-dot character
// cells (scaled for double width/height), images are drawn dot for dot, QR codes are rebuilt
// from their decoded payload at the decoded cell size, and a dashed line marks each cut.
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { Align } from '../types.js';
import type { DecodedDocument, PrintedItem, TextRun } from './document.js';
import { CELL } from './printHead.js';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `${FONT_DIR}/${f}`);
const MONO = 'DejaVu Sans Mono';
/** DejaVu Sans Mono advances 0.602 em: this size fills a 12-dot cell. */
const FONT_PX = 12 / 0.602;
/** Paper above the first line and below the last item. */
const MARGIN_TOP = 16;
const MARGIN_BOTTOM = 24;

export type RenderOptions = {
  /** Pixels per printer dot (default 1: the PNG is exactly the printable width). */
  scale?: number;
};

type Text = Extract<PrintedItem, { kind: 'text' }>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function alignX(align: Align, width: number, dotWidth: number): number {
  if (align === 'center') return Math.max(0, Math.floor((dotWidth - width) / 2));
  if (align === 'right') return Math.max(0, dotWidth - width);
  return 0;
}

const runWidth = (r: TextRun) => [...r.text].length * CELL[r.font].w * r.width;
const runHeight = (r: TextRun) => CELL[r.font].h * r.height;

function drawRun(r: TextRun, x: number, bottom: number): string {
  const cell = CELL[r.font];
  const w = runWidth(r);
  const h = runHeight(r);
  const top = bottom - h;
  const ink = r.invert ? '#fff' : '#000';
  const out: string[] = [];
  if (r.invert) out.push(`<rect x="${x}" y="${top}" width="${w}" height="${h}" fill="#000"/>`);
  // One positioned glyph per cell, centred, so fallback glyphs of other widths stay in their cells.
  const chars = [...r.text];
  const xs: number[] = [];
  let glyphs = '';
  chars.forEach((ch, i) => {
    if (ch === ' ') return;
    xs.push((i + 0.5) * cell.w);
    glyphs += ch;
  });
  if (glyphs) {
    // Font B is narrower and shorter: scale the font-A glyphs into its cell.
    const sx = (r.width * cell.w) / CELL.A.w;
    const sy = (r.height * cell.h) / CELL.A.h;
    const baseline = CELL.A.h - 5;
    const flip = r.upsideDown ? ` rotate(180 ${(chars.length * CELL.A.w) / 2} ${CELL.A.h / 2})` : '';
    out.push(
      `<g transform="translate(${x} ${top}) scale(${sx} ${sy})${flip}"><text x="${xs.map((v) => +(v * (CELL.A.w / cell.w)).toFixed(2)).join(' ')}" y="${baseline}" ` +
        `font-family="${MONO}" font-size="${FONT_PX.toFixed(2)}" font-weight="${r.bold ? 'bold' : 'normal'}" text-anchor="middle" fill="${ink}">${esc(glyphs)}</text></g>`,
    );
  }
  if (r.underline) out.push(`<rect x="${x}" y="${bottom - r.underline * r.height}" width="${w}" height="${r.underline * r.height}" fill="${ink}"/>`);
  return out.join('');
}

function drawText(line: Text, y: number, dotWidth: number): { svg: string; height: number } {
  const cellH = Math.max(0, ...line.runs.map(runHeight));
  const width = line.runs.reduce((s, r) => s + runWidth(r), 0);
  let x = alignX(line.align, width, dotWidth);
  const parts: string[] = [];
  for (const r of line.runs) {
    // Characters of different heights share a baseline at the bottom of the tallest cell.
    parts.push(drawRun(r, x, y + cellH));
    x += runWidth(r);
  }
  return { svg: parts.join(''), height: Math.max(line.heightDots, cellH) };
}

function drawImage(img: Extract<PrintedItem, { kind: 'image' }>, y: number, dotWidth: number): string {
  const bits = Buffer.from(img.bitmap, 'base64');
  const png = new PNG({ width: img.widthDots, height: img.heightDots });
  for (let row = 0; row < img.heightDots; row++) {
    for (let col = 0; col < img.widthDots; col++) {
      const on = ((bits[row * img.bytesPerRow + (col >> 3)] ?? 0) & (0x80 >> (col & 7))) !== 0;
      const i = (row * img.widthDots + col) * 4;
      const v = on ? 0 : 255;
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  const href = `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
  const x = alignX(img.align, img.widthDots, dotWidth);
  return `<image x="${x}" y="${y}" width="${img.widthDots}" height="${img.heightDots}" image-rendering="optimizeSpeed" href="${href}"/>`;
}

function drawQr(qr: Extract<PrintedItem, { kind: 'qr' }>, y: number, dotWidth: number): { svg: string; height: number } {
  let modules: { size: number; data: Uint8Array };
  try {
    modules = QRCode.create(qr.payload, { errorCorrectionLevel: qr.ecc }).modules;
  } catch (e) {
    const msg = `QR not encodable: ${(e as Error).message}`.slice(0, 60);
    return { svg: `<rect x="8" y="${y}" width="${dotWidth - 16}" height="40" fill="none" stroke="#c00" stroke-width="2"/><text x="${dotWidth / 2}" y="${y + 26}" font-family="DejaVu Sans" font-size="14" text-anchor="middle" fill="#c00">${esc(msg)}</text>`, height: 40 };
  }
  const cell = Math.max(1, qr.cellSize);
  const size = modules.size * cell;
  const x0 = alignX(qr.align, size, dotWidth);
  let d = '';
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) if (modules.data[r * modules.size + c]) d += `M${x0 + c * cell} ${y + r * cell}h${cell}v${cell}h-${cell}z`;
  }
  return { svg: `<path d="${d}" fill="#000"/>`, height: size };
}

function drawBarcode(b: Extract<PrintedItem, { kind: 'barcode' }>, y: number, dotWidth: number): { svg: string; height: number } {
  const w = Math.min(dotWidth - 16, 360);
  const x = alignX(b.align, w, dotWidth);
  const label = `${b.symbology}: ${b.data}`.slice(0, 40);
  return {
    svg: `<rect x="${x}" y="${y + 4}" width="${w}" height="72" fill="none" stroke="#000" stroke-dasharray="4 3"/><text x="${x + w / 2}" y="${y + 46}" font-family="DejaVu Sans" font-size="16" text-anchor="middle">${esc(label)}</text>`,
    height: 80,
  };
}

function drawCut(y: number, dotWidth: number, partial: boolean): string {
  const label = partial ? 'partial cut' : 'cut';
  return (
    `<text x="14" y="${y + 8}" font-family="DejaVu Sans" font-size="24" text-anchor="middle" fill="#555">✂</text>` +
    `<line x1="32" y1="${y}" x2="${dotWidth}" y2="${y}" stroke="#555" stroke-width="2" stroke-dasharray="${partial ? '10 4 2 4' : '10 6'}"/>` +
    `<text x="${dotWidth - 2}" y="${y - 6}" font-family="DejaVu Sans" font-size="11" text-anchor="end" fill="#888">${label}</text>`
  );
}

/** The receipt as SVG, one unit per printer dot. */
export function renderSvg(doc: DecodedDocument, options: RenderOptions = {}): string {
  const scale = options.scale ?? 1;
  const W = doc.dotWidth;
  let y = MARGIN_TOP;
  const body: string[] = [];
  for (const item of doc.items) {
    switch (item.kind) {
      case 'text': {
        const t = drawText(item, y, W);
        body.push(t.svg);
        y += t.height;
        break;
      }
      case 'image':
        body.push(drawImage(item, y, W));
        y += item.heightDots;
        break;
      case 'qr': {
        const q = drawQr(item, y, W);
        body.push(q.svg);
        y += q.height;
        break;
      }
      case 'barcode': {
        const b = drawBarcode(item, y, W);
        body.push(b.svg);
        y += b.height;
        break;
      }
      case 'feed':
        y += item.dots;
        break;
      case 'cut':
        y += 16;
        body.push(drawCut(y, W, item.partial));
        y += 20;
        break;
    }
  }
  const H = Math.ceil(y + MARGIN_BOTTOM);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * scale}" height="${H * scale}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="#fff"/>${body.join('')}</svg>`
  );
}

let fonts: string[] | undefined;
function fontFiles(): string[] {
  fonts ??= FONT_FILES.filter((f) => fs.existsSync(f));
  return fonts;
}

/** The receipt as PNG. */
export function renderPng(doc: DecodedDocument, options: RenderOptions = {}): Buffer {
  const files = fontFiles();
  const resvg = new Resvg(renderSvg(doc, options), {
    font: { loadSystemFonts: files.length === 0, fontFiles: files, defaultFontFamily: 'DejaVu Sans', monospaceFamily: MONO, sansSerifFamily: 'DejaVu Sans' },
    background: '#fff',
    shapeRendering: 1,
    imageRendering: 1,
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
