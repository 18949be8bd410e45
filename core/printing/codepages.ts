// The code pages a badge can be printed in: which characters each can show, what the printer
// types call them, and which of them each printer type really has. Text is checked against these
// tables before it reaches node-thermal-printer, because the library, meeting a character its
// active page lacks, silently switches the printer to another page mid-job (PRINTING.md).
import type { CodePage, PrinterType } from './types.js';

/** Bytes 0x80–0xFF of each page, in order ('\u0000' marks a byte with no character).
 *  The lower half is ASCII in all of them; 0x00–0x1F and 0x7F are never printed as text. */
const UPPER: Record<CodePage, string> = {
  PC437:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  PC850:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  PC852:
    'ÇüéâäůćçłëŐőîŹÄĆÉĹĺôöĽľŚśÖÜŤťŁ×čáíóúĄąŽžĘę¬źČş«»░▒▓│┤ÁÂĚŞ╣║╗╝Żż┐└┴┬├─┼Ăă╚╔╩╦╠═╬¤đĐĎËďŇÍÎě┘┌█▄ŢŮ▀ÓßÔŃńňŠšŔÚŕŰýÝţ´\u00ad˝˛ˇ˘§÷¸°¨˙űŘř■\u00a0',
  PC858:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  WPC1252:
    '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
};

/** Characters in a page that are not text: no-break space and soft hyphen are tidied away first. */
const NOT_TEXT = new Set(['\u0000', '\u00a0', '\u00ad']);

const textOf = (upper: string): ReadonlySet<string> => new Set([...upper].filter((c) => !NOT_TEXT.has(c)));
const CHARS: Record<CodePage, ReadonlySet<string>> = {
  PC437: textOf(UPPER.PC437),
  PC850: textOf(UPPER.PC850),
  PC852: textOf(UPPER.PC852),
  PC858: textOf(UPPER.PC858),
  WPC1252: textOf(UPPER.WPC1252),
};

const isPrintableAscii = (ch: string) => ch.length === 1 && ch >= ' ' && ch <= '~';

/** Can `ch` (one code point) be printed as a glyph of this page? */
export function codePageHas(cp: CodePage, ch: string): boolean {
  return isPrintableAscii(ch) || CHARS[cp].has(ch);
}

/** The byte a character has in a page (tests compare this with what the library sends). */
export function codePageByte(cp: CodePage, ch: string): number | undefined {
  if (isPrintableAscii(ch)) return ch.charCodeAt(0);
  if (!CHARS[cp].has(ch)) return undefined;
  const i = [...UPPER[cp]].indexOf(ch);
  return i < 0 ? undefined : 0x80 + i;
}

/** The pages each printer type can select (PRINTING.md's table). node-thermal-printer maps
 *  Star "PC850" to page 0, the printer's default PC437, so a Star never gets PC850. */
export const PRINTER_CODE_PAGES: Record<PrinterType, readonly CodePage[]> = {
  epson: ['PC437', 'PC850', 'PC852', 'PC858', 'WPC1252'],
  star: ['PC437', 'PC852', 'PC858', 'WPC1252'],
};

/** The configured page if this printer type has it, else its nearest equivalent (PC858 is PC850 plus €). */
export function usableCodePage(cp: CodePage, type: PrinterType): CodePage {
  if (PRINTER_CODE_PAGES[type].includes(cp)) return cp;
  return 'PC858';
}

/** node-thermal-printer's name for each page (its `characterSet`). */
export const LIBRARY_CHARACTER_SET: Record<CodePage, string> = {
  PC437: 'PC437_USA',
  PC850: 'PC850_MULTILINGUAL',
  PC852: 'PC852_LATIN2',
  PC858: 'PC858_EURO',
  WPC1252: 'WPC1252',
};
