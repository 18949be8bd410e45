// Measuring and wrapping code-page text in printer columns. Every character of a code page is
// one column of font A (12 dots); double width (wide, large) takes two. The printer wraps a line
// that is too long wherever it likes, so layouts wrap first and hand over lines that fit.
import { PAPER, type TextSize } from './types.js';

/** Columns one character takes at each size. */
export const COLUMNS_PER_CHAR: Record<TextSize, 1 | 2> = { normal: 1, tall: 1, wide: 2, large: 2 };

/** Columns of font A across the paper. */
export function paperColumns(paperWidthMm: 58 | 80): number {
  return PAPER[paperWidthMm].columns;
}

/** How many columns `text` takes at `size` (code-page text: one code point, one character). */
export function textColumns(text: string, size: TextSize): number {
  return [...text].length * COLUMNS_PER_CHAR[size];
}

/** Word wrap to lines of at most `width` characters; `broken` says a word had to be cut. */
export function wrapWords(text: string, width: number): { lines: string[]; broken: boolean } {
  const lines: string[] = [];
  let broken = false;
  let line: string[] = [];
  for (const word of text.split(' ').filter(Boolean)) {
    const chars = [...word];
    if (line.length > 0 && line.length + 1 + chars.length <= width) {
      line.push(' ', ...chars);
      continue;
    }
    if (line.length > 0) lines.push(line.join(''));
    line = [];
    while (chars.length > width) {
      broken = true;
      lines.push(chars.splice(0, width).join(''));
    }
    line = chars;
  }
  if (line.length > 0) lines.push(line.join(''));
  return { lines, broken };
}

/** Cut a line to `width` characters, ending in "..." when something was cut. */
export function ellipsize(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 3)).join('').trimEnd()}...`;
}

export type FitStep = { size: TextSize; maxLines: number };

/** Try each size in turn (wrapping at word boundaries up to its line limit); the last step
 *  always fits, cutting words and ending in "..." if it must. */
export function fitText(text: string, columns: number, steps: readonly [FitStep, ...FitStep[]]): { size: TextSize; lines: string[] } {
  for (const [i, step] of steps.entries()) {
    const width = Math.floor(columns / COLUMNS_PER_CHAR[step.size]);
    const { lines, broken } = wrapWords(text, width);
    const last = i === steps.length - 1;
    if (lines.length <= step.maxLines && (!broken || last)) return { size: step.size, lines };
    if (last) {
      const kept = lines.slice(0, step.maxLines);
      // What no longer fits is longer than a line (the wrap moved it on), so this always cuts.
      kept[step.maxLines - 1] = ellipsize(lines.slice(step.maxLines - 1).join(' '), width);
      return { size: step.size, lines: kept };
    }
  }
  throw new Error('fitText needs at least one step');
}
