// The fire roll call on paper: A4, large type, one row per person with a tick column for the
// person at the assembly point. People who need help to evacuate are listed first in a box
// of their own, because the fire service asks about them first.
import type { RollCall, RollCallEntry } from '../../shared/rollcall.js';
import { renderPdf, type Pdf, type PdfFonts } from '../reports/pdf.js';

function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
function dateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const COLS = [
  { key: 'tick', title: '✓', width: 34 },
  { key: 'badge', title: 'Badge', width: 44 },
  { key: 'name', title: 'Name', width: 170 },
  { key: 'host', title: 'Host', width: 92 },
  { key: 'arrived', title: 'In', width: 40 },
  { key: 'phone', title: 'Phone / device', width: 135 },
] as const;

export function rollCallPdf(rc: RollCall, timeZone: string): Buffer {
  const title = `Fire roll call – ${rc.siteName}`;
  return renderPdf({ title, at: new Date(rc.generatedAt) }, (doc, fonts) => {
    fonts.bold();
    doc.fontSize(20).fillColor('#000').text(`FIRE ROLL CALL — ${rc.siteName}`, { width: pageWidth(doc) });
    fonts.regular();
    doc.fontSize(11).text(`Visitors on site at ${dateTime(rc.generatedAt, timeZone)}. Roll call started ${clock(rc.startedAt, timeZone)} by ${rc.startedBy}.`);
    doc.text(
      rc.source === 'this kiosk'
        ? 'Built from this kiosk\u2019s own records (works with the office unreachable). Visitors who signed in at another kiosk are not on this list.'
        : 'Built from every kiosk\u2019s records held by the office.',
    );
    const c = rc.counts;
    fonts.bold();
    doc.moveDown(0.4).fontSize(13).text(`${c.total} on site · ${c.safe} safe · ${c.missing} missing · ${c.unaccounted} not yet checked · ${c.needHelp} need help to evacuate`);
    doc.moveDown(0.6);

    const needHelp = rc.entries.filter((e) => e.needsEvacuationHelp);
    if (needHelp.length > 0) {
      const top = doc.y;
      fonts.bold();
      doc.fontSize(12).fillColor('#000').text('NEED HELP TO EVACUATE', 48, top + 6);
      fonts.regular();
      for (const e of needHelp) line(doc, fonts, `#${e.badge}  ${e.fullName}`, `— host ${e.hostName}`, 48);
      doc.rect(40, top, pageWidth(doc), doc.y - top + 6).lineWidth(2).stroke('#000');
      doc.y += 14;
    }

    header(doc, fonts);
    if (rc.entries.length === 0) {
      fonts.regular();
      doc.fontSize(12).text('Nobody is signed in as on site.', 40);
    }
    for (const e of rc.entries) row(doc, fonts, e, timeZone);
  });
}

function pageWidth(doc: Pdf): number {
  return doc.page.width - 80;
}

function line(doc: Pdf, fonts: PdfFonts, strong: string, rest: string, x: number): void {
  fonts.for(strong, true);
  doc.fontSize(12).text(strong, x, doc.y, { continued: true });
  fonts.for(rest);
  doc.text(` ${rest}`);
}

function header(doc: Pdf, fonts: PdfFonts): void {
  fonts.bold();
  doc.fontSize(10).fillColor('#000');
  let x = 40;
  const y = doc.y;
  for (const col of COLS) {
    doc.text(col.title, x + 3, y, { width: col.width - 6, lineBreak: false });
    x += col.width;
  }
  doc.moveTo(40, y + 14).lineTo(40 + pageWidth(doc), y + 14).lineWidth(1).stroke('#000');
  doc.y = y + 18;
}

function row(doc: Pdf, fonts: PdfFonts, e: RollCallEntry, timeZone: string): void {
  const cells: Record<(typeof COLS)[number]['key'], { text: string; sub?: string; bold?: boolean }> = {
    tick: { text: e.mark ? (e.mark.status === 'safe' ? 'SAFE' : 'MISSING') : '' },
    badge: { text: `#${e.badge}`, bold: true },
    name: { text: e.fullName, bold: true, sub: [e.categoryLabel, e.organisation, e.needsEvacuationHelp ? 'NEEDS HELP TO EVACUATE' : '', e.escortRequired ? 'Must be escorted' : ''].filter(Boolean).join(' · ') },
    host: { text: e.hostName },
    arrived: { text: clock(e.arrivedAt, timeZone) },
    phone: { text: e.phoneStatus },
  };
  // Measure the tallest cell so rows never overlap, and start a new page (with the header) when full.
  doc.fontSize(11);
  let height = 0;
  for (const col of COLS) {
    const c = cells[col.key];
    fonts.for(c.text, c.bold);
    let h = doc.heightOfString(c.text || ' ', { width: col.width - 6 });
    if (c.sub) {
      fonts.for(c.sub);
      h += doc.fontSize(9).heightOfString(c.sub, { width: col.width - 6 });
      doc.fontSize(11);
    }
    height = Math.max(height, h);
  }
  height += 10;
  if (doc.y + height > doc.page.height - 50) {
    doc.addPage();
    header(doc, fonts);
  }
  const y = doc.y;
  let x = 40;
  for (const col of COLS) {
    const c = cells[col.key];
    if (col.key === 'tick') {
      doc.rect(x + 6, y + 3, 20, 20).lineWidth(1.5).stroke('#000');
      if (c.text) {
        fonts.bold();
        doc.fontSize(6).fillColor('#000').text(c.text, x + 2, y + 25, { width: col.width - 2, lineBreak: false });
      }
    } else {
      fonts.for(c.text, c.bold);
      doc.fontSize(11).fillColor('#000').text(c.text, x + 3, y + 4, { width: col.width - 6 });
      if (c.sub) {
        fonts.for(c.sub);
        doc.fontSize(9).fillColor('#222').text(c.sub, x + 3, doc.y, { width: col.width - 6 });
      }
    }
    x += col.width;
  }
  doc.y = y + height;
  doc.moveTo(40, doc.y - 2).lineTo(40 + pageWidth(doc), doc.y - 2).lineWidth(0.5).stroke('#888');
  doc.x = 40;
}
