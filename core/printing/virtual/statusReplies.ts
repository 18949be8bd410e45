// What a printer answers to a status query, ready or not (cover shut, paper in, no error; or
// offline with the paper out). Bit layouts from the ESC/POS and Star ASB manuals; only the bits
// a driver looks at are set.
import type { PrinterModel, StatusQuery } from './document.js';

/** DLE EOT n and GS r n answers; bits 1 and 4 of every DLE EOT answer are fixed at 1. */
const EPSON_READY: Record<number, number> = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 };
const EPSON_NOT_READY: Record<number, number> = {
  1: 0x12 | 0x08, // offline
  2: 0x12 | 0x20, // printing stopped: paper end
  3: 0x12,
  4: 0x12 | 0x0c | 0x60, // roll paper near end and end
};

/** Star automatic status (ESC ACK SOH): 9 bytes; byte 3 bit 3 offline, byte 6 bit 3 paper empty. */
function starAsb(ready: boolean): Uint8Array {
  return Uint8Array.from([0x23, 0x86, ready ? 0x00 : 0x08, 0x00, 0x00, ready ? 0x00 : 0x08, 0x00, 0x00, 0x00]);
}

/** The reply bytes, or null for queries a printer answers with nothing we emulate. */
export function statusReply(model: PrinterModel, q: StatusQuery, ready: boolean): Uint8Array | null {
  if (model === 'epson') {
    if (q.command === 'DLE EOT') {
      const b = (ready ? EPSON_READY : EPSON_NOT_READY)[q.n];
      return b === undefined ? null : Uint8Array.of(b);
    }
    if (q.command === 'GS r') {
      if (q.n === 1 || q.n === 49) return Uint8Array.of(ready ? 0x00 : 0x0f); // paper sensors: near end 0x03, end 0x0c
      if (q.n === 2 || q.n === 50) return Uint8Array.of(0x00); // drawer kick connector low
    }
    return null;
  }
  if (q.command === 'ESC ACK SOH') return starAsb(ready);
  return null;
}
