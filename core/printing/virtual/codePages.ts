// What a printer prints for bytes 0x80–0xFF, per code page, and which page number selects which
// table on each printer. Written out by hand on purpose: the decoder must not share tables with
// the code that encodes badges, or a wrong table would agree with itself.
import type { CodePage } from '../types.js';

/** Characters for bytes 0x80..0xFF. '\u0000' marks a byte the page leaves undefined. */
const UPPER_HALF: Record<CodePage, string> = {
  PC437:
    'ÇüéâäàåçêëèïîìÄÅ' + 'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' + 'áíóúñÑªº¿⌐¬½¼¡«»' + '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
    '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' + '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' + 'αßΓπΣσµτΦΘΩδ∞φε∩' + '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  PC850:
    'ÇüéâäàåçêëèïîìÄÅ' + 'ÉæÆôöòûùÿÖÜø£Ø×ƒ' + 'áíóúñÑªº¿®¬½¼¡«»' + '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
    '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' + 'ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀' + 'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' + '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  // PC850 with the euro sign in place of the dotless i (0xD5).
  PC858:
    'ÇüéâäàåçêëèïîìÄÅ' + 'ÉæÆôöòûùÿÖÜø£Ø×ƒ' + 'áíóúñÑªº¿®¬½¼¡«»' + '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
    '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' + 'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' + 'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' + '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  PC852:
    'ÇüéâäůćçłëŐőîŹÄĆ' + 'ÉĹĺôöĽľŚśÖÜŤťŁ×č' + 'áíóúĄąŽžĘę¬źČş«»' + '░▒▓│┤ÁÂĚŞ╣║╗╝Żż┐' +
    '└┴┬├─┼Ăă╚╔╩╦╠═╬¤' + 'đĐĎËďŇÍÎě┘┌█▄ŢŮ▀' + 'ÓßÔŃńňŠšŔÚŕŰýÝţ´' + '\u00ad˝˛ˇ˘§÷¸°¨˙űŘř■\u00a0',
  WPC1252:
    '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000' + '\u0000‘’“”•–—˜™š›œ\u0000žŸ' +
    // 0xA0..0xFF are Latin-1.
    Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join(''),
};

const TABLES = new Map<CodePage, readonly string[]>(
  (Object.entries(UPPER_HALF) as [CodePage, string][]).map(([page, chars]) => {
    const list = [...chars];
    if (list.length !== 128) throw new Error(`code page table ${page} has ${list.length} entries, not 128`);
    return [page, list];
  }),
);

/** The page a printer is in: one we can read, or a number we have no table for. */
export type ActiveCodePage = CodePage | `unsupported:${number}`;

/** Page numbers as each printer's select command names them (PRINTING.md's table; Star 0 and 3 are its PC437 "normal"). */
export const PAGE_NUMBERS: Record<'epson' | 'star', ReadonlyMap<number, CodePage>> = {
  epson: new Map<number, CodePage>([[0, 'PC437'], [2, 'PC850'], [16, 'WPC1252'], [18, 'PC852'], [19, 'PC858']]),
  star: new Map<number, CodePage>([[0, 'PC437'], [1, 'PC437'], [3, 'PC437'], [4, 'PC858'], [5, 'PC852'], [32, 'WPC1252']]),
};

export function pageForNumber(model: 'epson' | 'star', n: number): ActiveCodePage {
  return PAGE_NUMBERS[model].get(n) ?? `unsupported:${n}`;
}

/**
 * The character a printable byte shows, or null when the byte prints nothing we can name
 * (a control byte, DEL, a hole in the page, or a page we have no table for).
 */
export function charForByte(page: ActiveCodePage, byte: number): string | null {
  if (byte >= 0x20 && byte <= 0x7e) return String.fromCharCode(byte);
  if (byte < 0x80) return null;
  if (page.startsWith('unsupported:')) return null;
  const ch = TABLES.get(page as CodePage)?.[byte - 0x80];
  return ch === undefined || ch === '\u0000' ? null : ch;
}
