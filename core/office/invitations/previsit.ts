// A visiting professional's device-use request, recorded by staff before the visit. It goes into
// the head's exemptions register as a request (exactly as one made in the console), with the
// agency's risk assessment attached, and the head is told at once (the device_request notice).
// When the head has decided, staff press "Tell the visitor" and the visitor is emailed the
// decision in their language: approved with its conditions, dates and places, or not approved
// with the reason. A button rather than an automatic email: the refusal reason and conditions
// are written for the register, and the office sees what will be sent before it goes.
//
// The risk assessment is kept in the database (previsit_requests.file_base64), not in the data
// folder: it belongs to the register entry, so it travels with the school's backups and, on a
// trust hub, stays in the school's own schema; at most 5 MB, one per request, read only when asked.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { Language } from '../../../shared/domain.js';
import { RISK_ASSESSMENT_MAX_BYTES, type PrevisitRequest } from '../../../shared/invitations.js';
import type { OfficeOpParsed } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { OfficeCtx, OfficeHandlers } from '../context.js';
import { exemptionsHandlers } from '../exemptions/handlers.js';
import { exemptionRow, locationNames } from '../exemptions/store.js';
import { consoleLink, oneLine, queueNotice } from '../notifications/notices.js';
import { enqueue } from '../notifications/outbox.js';
import { hubSite } from '../reference/site.js';
import { dayInLanguage, expectedRow } from './compose.js';
import { requireEmailOn, visitorAddress } from './checks.js';
import { WORDS } from './words.js';

type PrevisitRow = { exemption_id: string; expected_id: string; email: string; language: Language; file_name: string; file_sha256: string; told_at: string | null; created_at: string };

const toPrevisit = (r: PrevisitRow): PrevisitRequest => ({
  exemptionId: r.exemption_id,
  expectedId: r.expected_id,
  email: r.email,
  language: r.language,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  toldAt: r.told_at,
  createdAt: r.created_at,
});

const COLUMNS = 'exemption_id, expected_id, email, language, file_name, file_sha256, told_at, created_at';

export function listPrevisit(db: Db, expectedId: string): PrevisitRequest[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM previsit_requests WHERE expected_id = ? ORDER BY created_at DESC`).all(expectedId) as PrevisitRow[]).map(toPrevisit);
}

const refuseFile = (text: string): never => {
  throw new ContractError('INVALID_INPUT', text, [{ path: 'riskAssessment', message: 'invalid' }]);
};

/** Rounded up, so a file just over the limit never reads as the limit itself. */
const mb = (n: number) => `${(Math.ceil((n / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;

/** The risk assessment's bytes, or a clear refusal: a PDF (by its first bytes, whatever its
 *  name says), not empty, at most 5 MB. */
export function checkRiskAssessment(file: { fileName: string; base64: string }): { fileName: string; bytes: Buffer } {
  const b64 = file.base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) refuseFile('The risk assessment could not be read. Please attach the file again.');
  const size = Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  if (size > RISK_ASSESSMENT_MAX_BYTES) refuseFile(`The risk assessment is ${mb(size)}; the largest file accepted is ${RISK_ASSESSMENT_MAX_BYTES / (1024 * 1024)} MB. Please ask the agency for a smaller PDF.`);
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0) refuseFile('The risk assessment file is empty.');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') refuseFile('The risk assessment must be a PDF file. This file is not a PDF (whatever its name says): please save or print it as PDF and attach that.');
  const name = oneLine(file.fileName, 120).replace(/[\\/:*?"<>|]/g, '_') || 'risk-assessment.pdf';
  return { fileName: /\.pdf$/i.test(name) ? name : `${name}.pdf`, bytes };
}

/** The head's notice for a request made before the visit (same kind and route as one made at the kiosk). */
function notifyHead(db: Db, exemptionId: string, expectedOn: string, at: Date): number {
  const e = exemptionRow(db, exemptionId)!;
  const link = consoleLink(db, `exemptions/${e.id}`);
  const who = oneLine(e.full_name, 80);
  const org = [e.organisation, e.agency_role].filter(Boolean).map((s) => oneLine(s, 80)).join(', ');
  return queueNotice(
    db,
    'device_request',
    {
      subject: `Device-use request to decide before a visit: ${who}`,
      body: [
        `${who}${org ? ` (${org})` : ''}, expected on ${dayInLanguage(expectedOn, 'en')}, asks to use a device during the visit. The agency's risk assessment is attached to the request.`,
        link ? `Approve or refuse it in the office console: ${link}` : 'Approve or refuse it in the office console, under "Device requests".',
      ].join('\n'),
      link,
      ref: `exemption:${e.id}`,
    },
    at,
  );
}

function request(input: OfficeOpParsed<'previsit.request'>, ctx: OfficeCtx) {
  const { db } = ctx;
  const email = visitorAddress(input.email);
  const e = expectedRow(db, input.expectedId);
  if (e.category !== 'professional') throw new ContractError('CONFLICT', 'A device-use request before the visit is for visiting professionals. Change the expected visitor\'s category first if that is what they are.');
  if (e.cancelled === 1) throw new ContractError('CONFLICT', 'This visit was cancelled.');
  const file = checkRiskAssessment(input.riskAssessment);
  // Into the register exactly as a request made in the console is (its checks, audit and shape).
  const { exemption } = exemptionsHandlers['exemptions.request'](
    {
      fullName: e.full_name,
      organisation: e.organisation || 'Not given',
      agencyRole: input.agencyRole,
      purpose: input.purpose,
      devices: input.devices,
      locationIds: input.locationIds,
      requestedWindow: input.requestedWindow || dayInLanguage(e.expected_on, 'en'),
      category: 'professional', // an approval binds the category it was granted for
    },
    ctx,
  );
  const sha = createHash('sha256').update(file.bytes).digest('hex');
  stmt(
    db,
    `INSERT INTO previsit_requests (exemption_id, expected_id, email, language, file_name, file_sha256, file_base64, told_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  ).run(exemption.id, e.id, email, input.language, file.fileName, sha, file.bytes.toString('base64'), ctx.now.toISOString());
  notifyHead(db, exemption.id, e.expected_on, ctx.now);
  ctx.audit('previsit.request', `exemption:${exemption.id}`, { expected: e.id, riskAssessmentSha256: sha, bytes: file.bytes.length });
  const row = stmt(db, `SELECT ${COLUMNS} FROM previsit_requests WHERE exemption_id = ?`).get(exemption.id) as PrevisitRow;
  return { exemption, previsit: toPrevisit(row) };
}

/** The decision email, in the visitor's language. */
export function decisionText(db: Db, exemptionId: string, language: Language): { subject: string; body: string; status: 'approved' | 'refused' } {
  const e = exemptionRow(db, exemptionId)!;
  if (e.status !== 'approved' && e.status !== 'refused')
    throw new ContractError('CONFLICT', e.status === 'requested' ? 'The head has not decided this request yet.' : 'This approval was revoked: speak to the visitor rather than email them.');
  const w = WORDS[language];
  const school = oneLine(hubSite(db).siteName, 120);
  const lines = [WORDS[language].hello(oneLine(e.full_name, 120)), ''];
  if (e.status === 'approved') {
    lines.push(w.approved, '', w.validity(dayInLanguage(e.valid_from!, language), dayInLanguage(e.valid_to!, language)));
    if (e.daily_from && e.daily_to) lines.push(`${e.daily_from}–${e.daily_to}`);
    lines.push(`${oneLine(e.devices, 300)}`);
    const places = locationNames(db, JSON.parse(e.location_ids) as string[]);
    if (places.length) lines.push('', `${w.placesHeading}:`, ...places.map((p) => `- ${oneLine(p, 120)}`));
    if (e.conditions.trim()) lines.push('', `${w.conditions}:`, ...e.conditions.split(/\r?\n/).map((l) => oneLine(l, 500)).filter(Boolean));
  } else {
    lines.push(w.refused);
    if (e.decision_reason?.trim()) lines.push('', `${w.reason}: ${oneLine(e.decision_reason, 1000)}`);
  }
  lines.push('', school);
  return { subject: oneLine(w.decisionSubject(school), 200), body: lines.join('\n'), status: e.status };
}

export const previsitHandlers: OfficeHandlers<'previsit.request' | 'previsit.tellVisitor' | 'previsit.ofExemption'> = {
  'previsit.request': request,

  'previsit.ofExemption': ({ exemptionId }, { db }) => {
    const r = stmt(db, `SELECT ${COLUMNS} FROM previsit_requests WHERE exemption_id = ?`).get(exemptionId) as PrevisitRow | undefined;
    if (!r) return { previsit: null, expectedOn: null };
    const expectedOn = (stmt(db, 'SELECT expected_on FROM expected_visitors WHERE id = ?').pluck().get(r.expected_id) as string | undefined) ?? null;
    return { previsit: toPrevisit(r), expectedOn };
  },

  'previsit.tellVisitor': ({ exemptionId }, ctx) => {
    const { db } = ctx;
    const p = stmt(db, `SELECT ${COLUMNS} FROM previsit_requests WHERE exemption_id = ?`).get(exemptionId) as PrevisitRow | undefined;
    if (!p) throw new ContractError('NOT_FOUND', 'This request was not made before a visit, so there is no visitor address to write to.');
    requireEmailOn(db);
    const d = decisionText(db, exemptionId, p.language);
    const messageId = enqueue(
      db,
      { kind: 'visitor_decision', channel: 'email', recipient: p.email, subject: d.subject, body: d.body, ref: `exemption:${exemptionId}`, dedupeKey: `visitor_decision:${exemptionId}:${d.status}:${uuidv7()}` },
      ctx.now,
    )!;
    stmt(db, 'UPDATE previsit_requests SET told_at = ? WHERE exemption_id = ?').run(ctx.now.toISOString(), exemptionId);
    ctx.audit('previsit.tell', `exemption:${exemptionId}`, { decision: d.status, message: messageId });
    return { previsit: toPrevisit(stmt(db, `SELECT ${COLUMNS} FROM previsit_requests WHERE exemption_id = ?`).get(exemptionId) as PrevisitRow), messageId };
  },
};
