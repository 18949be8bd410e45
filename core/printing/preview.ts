// A picture of a printed document, drawn from the same PrintDocument the printer bytes come
// from (not from the bytes): the visitor sees it on the done screen, and the examples in
// assets/badges/ are made with it. One pixel is one printer dot; text is drawn in a monospace
// font on the printer's 12×24-dot character cells, so sizes and line breaks match the paper.
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { fontFilesFor, MONO, SANS } from './fonts.js';
import { badgeDocument, type LayoutTarget } from './layout.js';
import { DEFAULT_TARGET, printableDocument, type PrintTarget } from './printable.js';
import { RULE_HEIGHT, RULE_THICKNESS } from './raster.js';
import { renderTextImage } from './textImage.js';
import { PAPER, type BadgeModel, type PrintDocument, type TextSize } from './types.js';

export type PreviewOptions = {
  /** The printer it will go to (its code page); defaults to an Epson with PC858. */
  target?: PrintTarget;
  /** Pixels per printer dot (1 = 576 px wide on 80 mm paper). */
  scale?: number;
};

const CELL_W = 12;
const CELL_H = 24;
/** Paper moved per text line: character height plus the printer's default line spacing. */
const LINE_GAP = 6;
const SCALE: Record<TextSize, { x: 1 | 2; y: 1 | 2 }> = {
  normal: { x: 1, y: 1 },
  tall: { x: 1, y: 2 },
  wide: { x: 2, y: 1 },
  large: { x: 2, y: 2 },
};
const MARGIN_TOP = 16;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function qrPath(payload: string, cell: number, x0: number, y0: number): { d: string; size: number } {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c)) d += `M${x0 + c * cell} ${y0 + r * cell}h${cell}v${cell}h${-cell}z`;
  return { d, size: modules.size * cell };
}

/** The document as a PNG, `PAPER[width].dots` wide (times `scale`). */
export function documentPng(doc: PrintDocument, opts: PreviewOptions = {}): Buffer {
  const printable = printableDocument(doc, opts.target ?? DEFAULT_TARGET);
  const W = PAPER[doc.paperWidthMm].dots;
  let y = MARGIN_TOP;
  let body = '';
  let allText = '✂';

  for (const b of printable.blocks) {
    switch (b.kind) {
      case 'text': {
        allText += b.text;
        const s = SCALE[b.size];
        const cols = [...b.text].length;
        const w = cols * CELL_W * s.x;
        const h = CELL_H * s.y;
        const x = b.align === 'center' ? Math.round((W - w) / 2) : b.align === 'right' ? W - w : 0;
        if (b.invert) body += `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#000"/>`;
        if (cols > 0) {
          // Printer font A is a tall, narrow 12×24 cell: stretch the monospace glyphs to it.
          body +=
            `<text xml:space="preserve" transform="translate(${x} ${y + 19 * s.y}) scale(${s.x} ${s.y * 1.15})" ` +
            `font-family="${MONO}" font-size="20" font-weight="${b.bold ? 'bold' : 'normal'}" fill="${b.invert ? '#fff' : '#000'}" ` +
            `textLength="${cols * CELL_W}" lengthAdjust="spacingAndGlyphs">${escapeXml(b.text)}</text>`;
        }
        y += h + LINE_GAP;
        break;
      }
      case 'textImage': {
        // The very raster the printer gets.
        const img = renderTextImage(b.text, W, b);
        body += `<image x="0" y="${y}" width="${img.width}" height="${img.height}" href="data:image/png;base64,${img.png.toString('base64')}"/>`;
        y += img.height;
        break;
      }
      case 'qr': {
        const cell = Math.min(8, Math.max(1, Math.round(b.cellSize)));
        const probe = qrPath(b.payload, cell, 0, 0);
        const q = qrPath(b.payload, cell, Math.round((W - probe.size) / 2), y);
        body += `<path d="${q.d}" fill="#000"/>`;
        y += q.size + CELL_H + LINE_GAP; // the line feed after the symbol
        break;
      }
      case 'rule':
        body += `<rect x="0" y="${y + ((RULE_HEIGHT - RULE_THICKNESS) >> 1)}" width="${W}" height="${RULE_THICKNESS}" fill="#000"/>`;
        y += RULE_HEIGHT;
        break;
      case 'feed':
        y += b.lines * (CELL_H + LINE_GAP);
        break;
      case 'cut':
        y += 24;
        body +=
          `<line x1="0" y1="${y}" x2="${W}" y2="${y}" stroke="#888" stroke-width="2" stroke-dasharray="10 6"/>` +
          `<text x="10" y="${y + 9}" font-family="${SANS}" font-size="26" fill="#666">✂</text>`;
        y += 16;
        break;
    }
  }
  const height = y + 8;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}">` +
    `<rect width="${W}" height="${height}" fill="#fff"/>${body}` +
    `<rect x="0.5" y="0.5" width="${W - 1}" height="${height - 1}" fill="none" stroke="#d4d4d4"/></svg>`;
  const scale = opts.scale ?? 1;
  return new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: fontFilesFor(allText), defaultFontFamily: SANS, monospaceFamily: MONO, sansSerifFamily: SANS },
    fitTo: { mode: 'zoom', value: scale },
    shapeRendering: 1,
  })
    .render()
    .asPng();
}

/** Convenience: the badge for `model` on this printer, as the visitor will see it. */
export function badgePreviewPng(model: BadgeModel, config: LayoutTarget, opts: Omit<PreviewOptions, 'target'> = {}): Buffer {
  return documentPng(badgeDocument(model, config), { ...opts, target: config });
}
