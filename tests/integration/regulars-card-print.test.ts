// A regular visitor's card on the badge printer: the card's print document (the same one the
// console's PNG is drawn from) turned into Epson and Star bytes and sent over real TCP to the
// virtual printer, which decodes them: the QR code scans back as the card code, and the code is
// printed under it for typing by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { documentBytes } from '../../core/printing/escpos.js';
import { sendToPrinter } from '../../core/printing/send.js';
import { PrinterConfig } from '../../core/printing/types.js';
import { plainText } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import { cardPrintDocument } from '../../core/regulars/cardDocument.js';
import { cardCodeFromBytes, groupCardCode, normaliseCardCode } from '../../shared/cardCode.js';

let vp: VirtualPrinter | null = null;
afterEach(async () => {
  await vp?.close();
  vp = null;
});

describe('the card on the badge printer', () => {
  for (const model of ['epson', 'star'] as const)
    it(`prints on a ${model} printer with a QR code that reads back as the code`, async () => {
      vp = await startVirtualPrinter({ port: 0, model });
      const code = cardCodeFromBytes(Uint8Array.from({ length: 15 }, (_, i) => (i * 37 + 11) & 255));
      const cfg = PrinterConfig.parse({ type: model, interface: vp.url, timeoutMs: 2000 });
      const doc = cardPrintDocument({ siteName: 'Greenfield Primary', fullName: 'Zoë Łódź-Kowalska', organisation: 'Friends of Greenfield', role: 'Reading volunteer', code });
      await sendToPrinter(cfg, documentBytes(doc, cfg));
      const [job] = await vp.waitForJobs(1);
      const qr = job!.document.items.filter((i) => i.kind === 'qr');
      expect(qr).toHaveLength(1);
      const first = qr[0]!;
      expect(first.kind === 'qr' && normaliseCardCode(first.payload)).toBe(code);
      const text = plainText(job!.document);
      expect(text).toContain('REGULAR VISITOR CARD');
      expect(text).toContain(groupCardCode(code));
      expect(text).toContain('Greenfield Primary');
      expect(job!.document.items.some((i) => i.kind === 'cut')).toBe(true);
    });
});
