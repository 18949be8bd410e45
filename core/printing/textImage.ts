// Text drawn as a 1-bit raster, for names in scripts no printer code page holds (Arabic,
// Hebrew, Cyrillic…). The same raster goes to the printer (printImageBuffer) and into the
// preview, so what the visitor sees on screen is what comes out of the printer. The text is
// shrunk, then wrapped (at most 3 lines, then an ellipsis) so it never runs off the paper.
import { Resvg } from '@resvg/resvg-js';
import { fontsFor } from './fonts.js';
import { oneBitPng } from './raster.js';
import type { Align, TextSize } from './types.js';

export type TextImageStyle = { size: TextSize; bold: boolean; invert: boolean; align: Align };
export type TextImage = { png: Buffer; width: number; height: number; lines: string[]; fontSize: number };

/** Font sizes (px = printer dots) to try, largest first: about the height of the printer's own
 *  characters at each size (font A is 24 dots tall, 48 at double height). */
const FONT_SIZES: Record<TextSize, readonly number[]> = {
  large: [44, 38, 32, 28],
  tall: [34, 30, 26, 22],
  wide: [34, 30, 26, 22],
  normal: [22, 20, 18],
};
const MAX_LINES = 3;
const MARGIN = 6;
const LINE_HEIGHT = 1.4;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fontOptions(files: string[]) {
  return { loadSystemFonts: false, fontFiles: files };
}

/** Width in dots of the ink of one line, drawn in the font chosen for the whole text. */
function measure(line: string, fontSize: number, bold: boolean, font: { families: string; files: string[] }): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="${fontSize * 3}"><text x="10" y="${fontSize * 2}" font-family="${escapeXml(font.families)}" font-size="${fontSize}" font-weight="${bold ? 'bold' : 'normal'}">${escapeXml(line)}</text></svg>`;
  const box = new Resvg(svg, { font: fontOptions(font.files) }).getBBox();
  return box ? Math.ceil(box.width) : 0;
}

/** Greedy word wrap; a word wider than the line is cut between grapheme clusters. */
function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    if (fits(word)) {
      line = word;
      continue;
    }
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(word)) {
      if (line !== '' && !fits(line + segment)) {
        lines.push(line);
        line = '';
      }
      line += segment;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function withEllipsis(line: string, fits: (line: string) => boolean): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(line)].map((s) => s.segment);
  while (graphemes.length > 0 && !fits(`${graphemes.join('').trimEnd()}…`)) graphemes.pop();
  return `${graphemes.join('').trimEnd()}…`;
}

/** Choose font size and lines so the text fits `widthDots`. */
export function layOutTextImage(text: string, widthDots: number, style: Pick<TextImageStyle, 'size' | 'bold'>): { lines: string[]; fontSize: number } {
  const room = widthDots - 2 * MARGIN - (style.bold ? 2 : 0);
  const sizes = FONT_SIZES[style.size];
  const font = fontsFor(text);
  for (const fontSize of sizes) if (measure(text, fontSize, style.bold, font) <= room) return { lines: [text], fontSize };
  for (const fontSize of sizes) {
    const fits = (l: string) => measure(l, fontSize, style.bold, font) <= room;
    const lines = wrap(text, fits);
    if (lines.length <= MAX_LINES) return { lines, fontSize };
    if (fontSize === sizes[sizes.length - 1]) {
      const kept = lines.slice(0, MAX_LINES);
      kept[MAX_LINES - 1] = withEllipsis(`${kept[MAX_LINES - 1]!} ${lines[MAX_LINES]!}`, fits);
      return { lines: kept, fontSize };
    }
  }
  return { lines: [text], fontSize: sizes[sizes.length - 1]! }; // not reached: the last size always returns
}

/** The text as a black-and-white PNG exactly `widthDots` wide (the paper's printable width). */
export function renderTextImage(text: string, widthDots: number, style: TextImageStyle): TextImage {
  const { lines, fontSize } = layOutTextImage(text, widthDots, style);
  const lineHeight = Math.round(fontSize * LINE_HEIGHT);
  const height = lineHeight * lines.length + 8;
  const font = fontsFor(text);
  const x = style.align === 'center' ? widthDots / 2 : style.align === 'left' ? MARGIN : widthDots - MARGIN;
  // resvg anchors by what is on the page (start = left edge) and orders right-to-left runs itself.
  const anchor = style.align === 'center' ? 'middle' : style.align === 'left' ? 'start' : 'end';
  const weight = style.bold ? 'bold' : 'normal';
  const ink = style.invert ? 'white' : 'black';
  let body = '';
  lines.forEach((line, i) => {
    const top = 4 + i * lineHeight;
    if (style.invert) {
      // Like the printer's inverse text: a black band behind the words, not the whole width.
      const w = Math.min(widthDots, measure(line, fontSize, style.bold, font) + 2 * MARGIN);
      const left = style.align === 'center' ? (widthDots - w) / 2 : style.align === 'left' ? 0 : widthDots - w;
      body += `<rect x="${left}" y="${top}" width="${w}" height="${lineHeight}" fill="black"/>`;
    }
    const baseline = top + Math.round(lineHeight / 2 + fontSize * 0.36);
    body += `<text x="${x}" y="${baseline}" text-anchor="${anchor}" font-family="${escapeXml(font.families)}" font-size="${fontSize}" font-weight="${weight}" fill="${ink}">${escapeXml(line)}</text>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${widthDots}" height="${height}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;
  const rendered = new Resvg(svg, { font: fontOptions(font.files), shapeRendering: 1, textRendering: 1 }).render();
  return { png: oneBitPng(rendered.pixels, rendered.width, rendered.height), width: rendered.width, height: rendered.height, lines, fontSize };
}
