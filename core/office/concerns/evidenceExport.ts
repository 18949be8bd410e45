// The evidence view as files: a CSV for spreadsheets (same defusing of formula cells as the
// visits export) and a PDF for the record, one block per visit.
import { CONCERN_KIND_LABELS, type Evidence, type EvidenceRow } from '../../../shared/concerns.js';
import { renderPdf } from '../../reports/pdf.js';
import { csvRow } from '../visits/csv.js';
import { heading, para, row, section, title, when } from '../../reports/pdfBlocks.js';

const HEADER = [
  'Day', 'Arrived', 'Left', 'Name', 'Organisation', 'Category', 'Kiosk', 'Policy version', 'Text hash', 'Acknowledged at', 'Language',
  'Phone', 'Phone in', 'Phone out', 'Approval', 'Approval status', 'Devices', 'Approved places', 'Conditions', 'Approved by', 'Approved at',
  'Revoked by', 'Revoked at', 'Revoke reason', 'Concerns', 'Visit id',
];

const concernText = (r: EvidenceRow) => r.concerns.map((c) => `${CONCERN_KIND_LABELS[c.kind]} (${c.severity}, ${c.status}, ${c.loggedAt})`).join('; ');

export function evidenceCsv(e: Evidence): string {
  let out = '\uFEFF' + csvRow(HEADER);
  for (const r of e.rows) {
    const a = r.approval;
    out += csvRow([
      r.day, r.arrivedAt, r.departedAt, r.fullName, r.organisation, r.category, r.kioskName, r.policyVersion, r.policyTextHash, r.acknowledgedAt, r.language,
      r.custody, r.phoneInAt, r.phoneOutAt, a?.exemptionId ?? '', a?.status ?? '', a?.devices ?? '', a?.locations.join('; ') ?? '', a?.conditions ?? '',
      a?.approvedBy ?? '', a?.approvedAt ?? '', a?.revokedBy ?? '', a?.revokedAt ?? '', a?.revokeReason ?? '', concernText(r), r.visitId,
    ]);
  }
  return out;
}

export function scopeText(e: Evidence): string {
  const q = e.query;
  const what = q.devicesOnly ? 'visitors on site with a device under an approval' : 'all visits';
  switch (q.scope) {
    case 'day':
      return `${what}, ${e.from}`;
    case 'term':
      return `${what}, ${e.from} to ${e.to}`;
    case 'person':
      return `${what} of "${q.name}", ${e.from === '0000-01-01' ? 'whole record' : e.from} to ${e.to}`;
  }
}

export function evidencePdf(e: Evidence, site: string, timeZone: string): Buffer {
  const t = `Device evidence – ${site}`;
  return renderPdf({ title: t, at: new Date(e.generatedAt) }, (pdf, fonts) => {
    title(pdf, fonts, t, `${scopeText(e)}. ${e.rows.length} visit(s)${e.more ? ' (more not shown: narrow the range)' : ''}. Produced ${when(e.generatedAt, timeZone)}.`);
    section(pdf, fonts, 'Visits');
    if (e.rows.length === 0) para(pdf, fonts, 'None.');
    for (const r of e.rows) {
      heading(pdf, fonts, `${r.fullName}${r.organisation ? ` (${r.organisation})` : ''} – ${r.day}`);
      row(pdf, fonts, 'On site', `${when(r.arrivedAt, timeZone)} to ${r.departedAt ? when(r.departedAt, timeZone) : 'not signed out'} (kiosk ${r.kioskName})`);
      row(pdf, fonts, 'Acknowledged', r.acknowledgedAt ? `Policy version ${r.policyVersion ?? '?'} at ${when(r.acknowledgedAt, timeZone)} (${r.language})` : 'Not recorded');
      if (r.acknowledgedAt) row(pdf, fonts, 'Text hash', r.policyTextHash ?? '?', 8); // smaller: a whole sha-256 on one line
      row(pdf, fonts, 'Phone', `${r.custody}${r.phoneInAt ? `, in ${when(r.phoneInAt, timeZone)}` : ''}${r.phoneOutAt ? `, out ${when(r.phoneOutAt, timeZone)}` : ''}`);
      const a = r.approval;
      if (a) {
        row(pdf, fonts, 'Approval', `${a.devices} in ${a.locations.join(', ') || '—'} (${a.status}), approved by ${a.approvedBy ?? '—'} ${when(a.approvedAt, timeZone)}`);
        row(pdf, fonts, 'Conditions', a.conditions);
        if (a.revokedAt) row(pdf, fonts, 'Revoked', `${when(a.revokedAt, timeZone)} by ${a.revokedBy ?? '—'}: ${a.revokeReason ?? ''}`);
      }
      if (r.concerns.length > 0) row(pdf, fonts, 'Concerns', concernText(r));
    }
  });
}
