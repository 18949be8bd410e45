// A document exactly as it will be printed: one code page for the whole job, every text block
// fitted to it, every drawn block drawable with the installed fonts. The byte writer and the
// preview both start from here, so they cannot disagree. Layouts already produce such
// documents; this is idempotent on them and makes a hand-built document safe too.
import { canDraw as fontsCanDraw } from './fonts.js';
import { fitText, paperColumns, textColumns, type FitStep } from './fit.js';
import { chooseCodePage, cleanText, fitToCodePage, nonLatinScript } from './sanitize.js';
import type { CodePage, PrintBlock, PrintDocument, PrinterConfig, TextSize } from './types.js';

export type PrintTarget = Pick<PrinterConfig, 'type' | 'characterSet'>;

/** The preview's printer when none is set up. */
export const DEFAULT_TARGET: PrintTarget = { type: 'epson', characterSet: 'PC858' };

export type PrintableDocument = PrintDocument & { codePage: CodePage };

/** Text shown instead of a name no font here can draw (better than boxes or '?'). */
export function unprintableNote(script: string): string {
  return `(written in ${script} script)`;
}

/** How a drawn block of each size falls back to code-page text (wrapping, never overflowing). */
const FALLBACK_STEPS: Record<TextSize, readonly [FitStep, ...FitStep[]]> = {
  large: [{ size: 'large', maxLines: 2 }, { size: 'tall', maxLines: 3 }],
  tall: [{ size: 'tall', maxLines: 3 }],
  wide: [{ size: 'wide', maxLines: 2 }, { size: 'normal', maxLines: 3 }],
  normal: [{ size: 'normal', maxLines: 3 }],
};

export function printableDocument(doc: PrintDocument, target: PrintTarget, canDraw: (text: string) => boolean = fontsCanDraw): PrintableDocument {
  const texts = doc.blocks.flatMap((b) => (b.kind === 'text' || b.kind === 'textImage' ? [b.text] : []));
  const codePage = chooseCodePage(texts, target.characterSet, target.type);
  const columns = paperColumns(doc.paperWidthMm);
  const lines = (b: Extract<PrintBlock, { kind: 'text' | 'textImage' }>, text: string, steps: readonly [FitStep, ...FitStep[]]): PrintBlock[] => {
    const fit = fitText(text, columns, steps);
    return fit.lines.map((line) => ({ ...b, kind: 'text', size: fit.size, text: line }));
  };
  const blocks = doc.blocks.flatMap((b): PrintBlock[] => {
    if (b.kind === 'text') {
      // Keep the spaces a layout put round inverse text; fit what is between them.
      const [, lead = '', core = '', trail = ''] = /^( *)(.*?)( *)$/su.exec(b.text) ?? [];
      const fitted = fitToCodePage(core, codePage);
      const text = fitted === '' ? '' : lead + fitted + trail;
      // Layouts hand over lines that fit; a hand-built document is wrapped rather than overflow.
      return textColumns(text, b.size) <= columns ? [{ ...b, text }] : lines(b, text, [{ size: b.size, maxLines: 1000 }]);
    }
    if (b.kind !== 'textImage') return [b];
    const text = cleanText(b.text);
    if (text === '') return [];
    if (canDraw(text)) return [{ ...b, text }];
    // No font here has these glyphs: spell it in Latin letters if we can, else say what it was.
    const script = nonLatinScript(text);
    const latin = fitToCodePage(text, codePage);
    const readable = (script === null || script === 'Cyrillic' || script === 'Greek') && latin !== '';
    return lines(b, readable ? latin : unprintableNote(script ?? 'unknown'), FALLBACK_STEPS[b.size]);
  });
  return { paperWidthMm: doc.paperWidthMm, blocks, codePage };
}
