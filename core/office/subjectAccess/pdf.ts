// The subject access document as a readable PDF: the same content as the JSON, in plain
// words, one block per record with a label column (core/reports/pdf.ts sets each piece of
// text in a font that can draw it, so names print in their own script).
import type { SarBreach, SarExemption, SarVisit, SubjectAccessDocument } from '../../../shared/retention.js';
import { SAR_SECTION_LABELS, type SarExpected, type SarNotification, type SarRegular, type SarRestricted, type SarSection } from '../../../shared/subjectAccessRecords.js';
import { renderPdf, type Pdf, type PdfFonts } from '../../reports/pdf.js';
import { LABEL_W, LEFT, ensureRoom, heading, section, when } from '../../reports/pdfBlocks.js';

const CUSTODY: Record<string, string> = {
  none: 'No phone carried',
  locker: 'Locker',
  reception: 'Handed to reception',
  exemption_pending: 'Device use requested (waiting for a decision)',
  exemption: 'Kept under a device-use exemption',
};

const ID_SEEN: Record<string, string> = {
  photo_id: 'photo ID seen',
  dbs_certificate: 'DBS certificate seen',
  agency_letter: 'agency letter seen',
  dbs_update_service: 'DBS Update Service checked',
  staff_known: 'known to staff',
};
const ASSURANCE: Record<string, string> = {
  enhanced_dbs_seen: 'Enhanced DBS certificate seen',
  dbs_update_service: 'DBS Update Service checked',
  agency_letter: 'Agency letter of assurance',
  scr_entry: 'Single central record entry',
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
    row(
      pdf,
      fonts,
      'Records',
      `${doc.visits.length} visit(s), ${doc.exemptions.length} device-use exemption(s), ${doc.breaches.length} breach/concern record(s), ${doc.regulars.length} register entr${doc.regulars.length === 1 ? 'y' : 'ies'}, ${doc.invitations.length} expected visit(s), ${doc.restricted.length} restricted-list entr${doc.restricted.length === 1 ? 'y' : 'ies'}, ${doc.notifications.length} message(s)`,
    );
    pdf.moveDown(0.3);
    fonts.regular();
    for (const w of doc.withheld) pdf.fontSize(9).fillColor('#333').text(`• ${w}`, LEFT, pdf.y, { width });

    const part = <T>(key: SarSection, list: readonly T[], one: (x: T) => void) => {
      section(pdf, fonts, SAR_SECTION_LABELS[key]);
      const held = doc.withheldSections.find((w) => w.section === key);
      if (held) return withheld(pdf, fonts, held.reason);
      if (list.length === 0) none(pdf, fonts);
      for (const x of list) one(x);
    };
    part('visits', doc.visits, (v) => visit(pdf, fonts, v, timeZone));
    part('exemptions', doc.exemptions, (e) => exemption(pdf, fonts, e, timeZone));
    part('breaches', doc.breaches, (b) => breach(pdf, fonts, b, timeZone));
    part('regulars', doc.regulars, (r) => regular(pdf, fonts, r, timeZone));
    part('invitations', doc.invitations, (e) => expected(pdf, fonts, e, timeZone));
    part('restricted', doc.restricted, (r) => restricted(pdf, fonts, r, timeZone));
    part('notifications', doc.notifications, (n) => notification(pdf, fonts, n, timeZone));
  });
}

function withheld(pdf: Pdf, fonts: PdfFonts, reason: string): void {
  fonts.for(reason);
  pdf.fontSize(10).fillColor('#000').text(`Withheld under ${reason}.`, LEFT, pdf.y, { width: pdf.page.width - 2 * LEFT });
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
  for (const c of v.idChecks) row(pdf, fonts, 'ID checked', `${ID_SEEN[c.seen] ?? c.seen}, ${when(c.at, tz)}`);
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

function regular(pdf: Pdf, fonts: PdfFonts, r: SarRegular, tz: string): void {
  heading(pdf, fonts, `${r.fullName}${r.organisation ? `, ${r.organisation}` : ''}`);
  row(pdf, fonts, 'On the register', `since ${when(r.onRegisterSince, tz)} · ${r.category.replace(/_/g, ' ')}${r.role ? ` · ${r.role}` : ''} · ${r.status}`);
  for (const a of r.assurances) row(pdf, fonts, 'Check recorded', `${ASSURANCE[a.kind] ?? a.kind}: checked ${a.checkedOn}, counts until ${a.expiresOn}${a.note ? ` (${a.note})` : ''}`);
  for (const a of r.agreements) row(pdf, fonts, 'Agreement acknowledged', `version ${a.version}, in ${a.language}, at ${when(a.at, tz)} (text fingerprint ${a.textHash.slice(0, 16)})`);
  for (const c of r.cards) row(pdf, fonts, 'Card', `${c.event} ${when(c.at, tz)}`);
  for (const h of r.volunteerHours) row(pdf, fonts, 'Volunteer hours', `${h.month}: ${h.hours} hour(s) over ${h.visits} visit(s)${h.openVisits ? `, ${h.openVisits} without a sign-out` : ''}`);
  row(pdf, fonts, 'Record id', r.id);
}

function expected(pdf: Pdf, fonts: PdfFonts, e: SarExpected, tz: string): void {
  heading(pdf, fonts, `Expected ${e.expectedOn} — ${e.fullName}${e.organisation ? `, ${e.organisation}` : ''}`);
  row(pdf, fonts, 'Visitor type', e.category.replace(/_/g, ' '));
  if (e.cancelled) row(pdf, fonts, 'Cancelled', 'yes');
  if (e.note) row(pdf, fonts, 'Note', e.note);
  row(pdf, fonts, 'Arrived', e.arrivedAt ? when(e.arrivedAt, tz) : '—');
  for (const i of e.invitations)
    row(pdf, fonts, 'Invitation sent', `${when(i.sentAt, tz)} to ${i.email} in ${i.language}${i.visitTime ? `, for ${i.visitTime}` : ''}; phone policy version ${i.policyVersion} (${i.policyLanguage}, text fingerprint ${i.policyTextHash.slice(0, 16)})`);
  for (const l of e.letters)
    row(pdf, fonts, 'Invitation letter printed', `${when(l.printedAt, tz)} in ${l.language}${l.visitTime ? `, for ${l.visitTime}` : ''}; phone policy version ${l.policyVersion}`);
  for (const r of e.previsitRequests) {
    row(pdf, fonts, 'Device use asked for', `${when(r.requestedAt, tz)} from ${r.email}; decision: ${r.decision.status}${r.decision.decidedAt ? ` ${when(r.decision.decidedAt, tz)}` : ''}${r.decision.reason ? ` (${r.decision.reason})` : ''}${r.toldAt ? `; told ${when(r.toldAt, tz)}` : ''}`);
    row(pdf, fonts, 'Risk assessment sent', `${r.riskAssessment.fileName}, ${r.riskAssessment.sizeBytes} bytes, received ${when(r.requestedAt, tz)} (fingerprint ${r.riskAssessment.sha256.slice(0, 16)}; not included: you have the file)`);
  }
  row(pdf, fonts, 'Record id', e.id);
}

function restricted(pdf: Pdf, fonts: PdfFonts, r: SarRestricted, tz: string): void {
  heading(pdf, fonts, `${when(r.createdAt, tz)} — ${r.fullName}`);
  if (r.aliases.length) row(pdf, fonts, 'Other names', r.aliases.join(', '));
  if (r.dateOfBirth) row(pdf, fonts, 'Date of birth', r.dateOfBirth);
  row(pdf, fonts, 'Reason', r.reason);
  row(pdf, fonts, 'Review by', r.reviewOn);
  if (r.removedAt) row(pdf, fonts, 'Removed from the list', when(r.removedAt, tz));
  for (const h of r.heldSignIns) row(pdf, fonts, 'Sign-in held', `${when(h.at, tz)} at ${h.kiosk}`);
  row(pdf, fonts, 'Record id', r.id);
}

function notification(pdf: Pdf, fonts: PdfFonts, n: SarNotification, tz: string): void {
  heading(pdf, fonts, `${when(n.createdAt, tz)} — ${n.kind.replace(/_/g, ' ')}`);
  row(pdf, fonts, 'To', n.recipient);
  row(pdf, fonts, 'Status', `${n.status}${n.sentAt ? ` ${when(n.sentAt, tz)}` : ''}`);
  row(pdf, fonts, 'Record id', n.id);
}
