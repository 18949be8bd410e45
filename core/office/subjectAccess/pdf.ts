// The subject access document as a readable PDF: the same content as the JSON, in plain
// words, one block per record with a label column (core/reports/pdf.ts sets each piece of
// text in a font that can draw it, so names print in their own script).
import type { SarBreach, SarExemption, SarVisit, SubjectAccessDocument } from '../../../shared/retention.js';
import { renderPdf, type Pdf, type PdfFonts } from '../../reports/pdf.js';
import { LABEL_W, LEFT, ensureRoom, heading, section, when } from '../../reports/pdfBlocks.js';

const CUSTODY: Record<string, string> = {
  none: 'No phone carried',
  locker: 'Locker',
  reception: 'Handed to reception',
  exemption_pending: 'Device use requested (waiting for a decision)',
  exemption: 'Kept under a device-use exemption',
};

export function subjectPdf(doc: SubjectAccessDocument, timeZone: string): Buffer {
  const title = `Your records – ${doc.site}`;
  return renderPdf({ title, at: new Date(doc.generatedAt) }, (pdf, fonts) => {
    const width = pdf.page.width - 2 * LEFT;
    fonts.bold();
    pdf.fontSize(18).fillColor('#000').text(`Subject access: records held by ${doc.site}`, LEFT, pdf.y, { width });
    fonts.regular();
    pdf.fontSize(10).text(`Produced ${when(doc.generatedAt, timeZone)}. The same content is supplied as a machine-readable JSON file (format ${doc.format}).`, { width });
    pdf.moveDown(0.5);
    row(pdf, fonts, 'Name(s) on the records', doc.subject.names.join('; '));
    row(pdf, fonts, 'Organisation(s)', doc.subject.organisations.join('; ') || '—');
    row(pdf, fonts, 'Records', `${doc.visits.length} visit(s), ${doc.exemptions.length} device-use exemption(s), ${doc.breaches.length} breach/concern record(s)`);
    pdf.moveDown(0.3);
    fonts.regular();
    for (const w of doc.withheld) pdf.fontSize(9).fillColor('#333').text(`• ${w}`, LEFT, pdf.y, { width });

    section(pdf, fonts, 'Visits');
    if (doc.visits.length === 0) none(pdf, fonts);
    for (const v of doc.visits) visit(pdf, fonts, v, timeZone);
    section(pdf, fonts, 'Device-use exemptions');
    if (doc.exemptions.length === 0) none(pdf, fonts);
    for (const e of doc.exemptions) exemption(pdf, fonts, e, timeZone);
    section(pdf, fonts, 'Breaches and concerns');
    if (doc.breaches.length === 0) none(pdf, fonts);
    for (const b of doc.breaches) breach(pdf, fonts, b, timeZone);
  });
}

function none(pdf: Pdf, fonts: PdfFonts): void {
  fonts.regular();
  pdf.fontSize(10).fillColor('#000').text('None.', LEFT, pdf.y);
}

// Not pdfBlocks' row: this one also keeps below a label that wraps further than its value.
function row(pdf: Pdf, fonts: PdfFonts, label: string, value: string): void {
  const valueW = pdf.page.width - 2 * LEFT - LABEL_W;
  const shown = value === '' ? '—' : value;
  fonts.for(shown);
  const h = Math.max(pdf.fontSize(10).heightOfString(shown, { width: valueW }), 12);
  ensureRoom(pdf, h + 2);
  const y = pdf.y;
  fonts.regular();
  pdf.fontSize(9).fillColor('#444').text(label, LEFT, y, { width: LABEL_W - 8 });
  fonts.for(shown);
  pdf.fontSize(10).fillColor('#000').text(shown, LEFT + LABEL_W, y, { width: valueW });
  pdf.y = Math.max(pdf.y, y + h) + 2;
  pdf.x = LEFT;
}

function visit(pdf: Pdf, fonts: PdfFonts, v: SarVisit, tz: string): void {
  heading(pdf, fonts, `${when(v.arrivedAt, tz)} — ${v.fullName}`);
  row(pdf, fonts, 'Reception point', v.kiosk);
  row(pdf, fonts, 'Visitor type', v.category.replace(/_/g, ' '));
  if (v.organisation) row(pdf, fonts, 'Organisation', v.organisation);
  if (v.agencyRole) row(pdf, fonts, 'Role', v.agencyRole);
  row(pdf, fonts, 'Purpose', v.purpose);
  row(pdf, fonts, 'Arrived / left', `${when(v.arrivedAt, tz)} / ${v.departedAt ? `${when(v.departedAt, tz)} (signed out by ${v.departedBy === 'visitor' ? 'you' : 'staff'})` : 'no sign-out recorded'}`);
  row(pdf, fonts, 'Badge', `#${v.badgeNumber}${v.needsEvacuationHelp ? ' · needs help to evacuate' : ''}${v.idCheckRequired ? ' · ID checked at the desk' : ''}`);
  for (const a of v.acknowledgements)
    row(pdf, fonts, 'Phone policy agreed', `version ${a.policyVersion ?? a.policyVersionId}, in ${a.language}, at ${when(a.at, tz)} (text fingerprint ${a.textHash.slice(0, 16)})`);
  for (const c of v.exemptionConditions) row(pdf, fonts, 'Exemption conditions agreed', `at ${when(c.at, tz)}: ${c.locations.join(', ')} until ${c.until}`);
  for (const p of v.phoneCustody)
    row(pdf, fonts, 'Phone', `${CUSTODY[p.kind] ?? p.kind}${p.locker ? ` ${p.locker}` : ''}${p.kind === 'none' ? '' : `, in ${when(p.inAt, tz)}, out ${p.outAt ? when(p.outAt, tz) : '—'}`}`);
  if (v.deviceUseRequested) row(pdf, fonts, 'Device use', 'requested at the kiosk');
  row(pdf, fonts, 'Record id', v.visitId);
}

function exemption(pdf: Pdf, fonts: PdfFonts, e: SarExemption, tz: string): void {
  heading(pdf, fonts, `${e.status.toUpperCase()} — ${e.fullName}${e.organisation ? `, ${e.organisation}` : ''}`);
  row(pdf, fonts, 'Requested', `${when(e.requestedAt, tz)} (${e.source === 'kiosk' ? 'at the kiosk' : 'by the office'})`);
  if (e.agencyRole) row(pdf, fonts, 'Role', e.agencyRole);
  row(pdf, fonts, 'Purpose', e.purpose);
  row(pdf, fonts, 'Devices', e.devices);
  row(pdf, fonts, 'Places', e.locations.join(', '));
  row(pdf, fonts, 'Valid', e.validFrom ? `${e.validFrom} to ${e.validTo ?? '—'}${e.dailyFrom ? `, ${e.dailyFrom}–${e.dailyTo}` : ''}` : '—');
  row(pdf, fonts, 'Conditions', e.conditions);
  if (e.riskAssessment) row(pdf, fonts, 'Risk assessment', `hazards: ${e.riskAssessment.hazards}; controls: ${e.riskAssessment.controls}; reviewed ${e.riskAssessment.reviewedOn}`);
  if (e.decidedAt) row(pdf, fonts, 'Decided', `${when(e.decidedAt, tz)}${e.decisionReason ? `: ${e.decisionReason}` : ''}`);
  if (e.revokedAt) row(pdf, fonts, 'Revoked', `${when(e.revokedAt, tz)}${e.revokeReason ? `: ${e.revokeReason}` : ''}`);
  row(pdf, fonts, 'Record id', e.id);
}

function breach(pdf: Pdf, fonts: PdfFonts, b: SarBreach, tz: string): void {
  heading(pdf, fonts, `${when(b.loggedAt, tz)} — ${b.person}`);
  row(pdf, fonts, 'Where', b.location);
  row(pdf, fonts, 'What was seen', b.what);
  row(pdf, fonts, 'Action taken', b.actionTaken);
  row(pdf, fonts, 'Status', b.status === 'open' ? 'open' : `closed ${when(b.closedAt, tz)}${b.outcome ? `: ${b.outcome}` : ''}`);
  row(pdf, fonts, 'Record id', b.id);
}
