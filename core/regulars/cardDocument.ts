// A regular visitor's card: the same layout for the badge printer (a PrintDocument, so
// core/printing turns it into Epson/Star bytes or a PNG) and for a PDF to print on card stock.
// It shows the school, the person's name and role, the QR code and the code in four groups
// (typed at the kiosk when the scanner is not there). Nothing else: no assurance details.
import QRCode from 'qrcode';
import { groupCardCode } from '../../shared/cardCode.js';
import { renderPdf } from '../reports/pdf.js';
import type { PrintDocument } from '../printing/types.js';

export type CardFace = { siteName: string; fullName: string; organisation: string; role: string; code: string };

export function cardPrintDocument(c: CardFace): PrintDocument {
  return {
    paperWidthMm: 80,
    blocks: [
      { kind: 'text', text: c.siteName, align: 'center', size: 'normal', bold: true, invert: false },
      { kind: 'text', text: 'REGULAR VISITOR CARD', align: 'center', size: 'tall', bold: true, invert: true },
      { kind: 'feed', lines: 1 },
      { kind: 'textImage', text: c.fullName, align: 'center', size: 'large', bold: true, invert: false },
      ...(c.role || c.organisation ? [{ kind: 'textImage' as const, text: [c.role, c.organisation].filter(Boolean).join(' · '), align: 'center' as const, size: 'normal' as const, bold: false, invert: false }] : []),
      { kind: 'feed', lines: 1 },
      { kind: 'qr', payload: groupCardCode(c.code), cellSize: 8 },
      { kind: 'text', text: groupCardCode(c.code), align: 'center', size: 'normal', bold: true, invert: false },
      { kind: 'text', text: 'Scan at the kiosk to sign in.', align: 'center', size: 'normal', bold: false, invert: false },
      { kind: 'text', text: 'If found, please return to the school.', align: 'center', size: 'normal', bold: false, invert: false },
      { kind: 'feed', lines: 2 },
      { kind: 'cut' },
    ],
  };
}

/** A credit-card-sized PDF (85.6 × 54 mm). */
export function cardPdf(c: CardFace, at: Date): Buffer {
  const mm = (n: number) => (n * 72) / 25.4;
  return renderPdf({ title: `Regular visitor card – ${c.siteName}`, at }, (doc, fonts) => {
    const x = 40;
    const y = 60;
    const w = mm(85.6);
    const h = mm(54);
    doc.roundedRect(x, y, w, h, 8).lineWidth(0.8).stroke('#333');
    fonts.for(c.siteName, true);
    doc.fontSize(8).fillColor('#000').text(c.siteName, x + 10, y + 8, { width: w - 20, lineBreak: false, ellipsis: true });
    doc.rect(x + 10, y + 20, w - 20, 14).fill('#000');
    fonts.bold();
    doc.fontSize(8).fillColor('#fff').text('REGULAR VISITOR CARD', x + 14, y + 24, { width: w - 28, lineBreak: false });
    const qrSize = mm(26);
    const { modules } = QRCode.create(groupCardCode(c.code), { errorCorrectionLevel: 'M' });
    const cell = qrSize / modules.size;
    const qx = x + w - qrSize - 10;
    const qy = y + 40;
    for (let r = 0; r < modules.size; r++) for (let col = 0; col < modules.size; col++) if (modules.get(r, col)) doc.rect(qx + col * cell, qy + r * cell, cell, cell).fill('#000');
    fonts.for(c.fullName, true);
    doc.fillColor('#000').fontSize(12).text(c.fullName, x + 10, y + 42, { width: w - qrSize - 26 });
    const sub = [c.role, c.organisation].filter(Boolean).join(' · ');
    if (sub) {
      fonts.for(sub);
      doc.fontSize(8).text(sub, { width: w - qrSize - 26 });
    }
    fonts.bold();
    doc.fontSize(9).text(groupCardCode(c.code), x + 10, y + h - 34, { width: w - 20, lineBreak: false, characterSpacing: 0.6 });
    fonts.regular();
    doc.fontSize(6.5).text('Scan at the kiosk to sign in. If found, please return to the school.', x + 10, y + h - 20, { width: w - 20, lineBreak: false });
    doc.fillColor('#000');
  });
}
