// Opening a pre-visit request's risk assessment (the agency's PDF, kept in previsit_requests):
// only for the roles that decide or may revoke a device request (RISK_ASSESSMENT_ROLES), every
// opening audited (who, which request, when, which file by its hash). The HTTP route
// (core/office/http/riskAssessmentRoute.ts) serves the bytes as an attachment.
import { RISK_ASSESSMENT_ROLES } from '../../../shared/invitations.js';
import { ContractError } from '../../../shared/errors.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import { MUST_CHANGE_PASSWORD } from '../dispatcher.js';
import { actorLabel, type Actor } from '../context.js';

export const RISK_ASSESSMENT_FORBIDDEN = 'Only the headteacher and the DSL can open a risk assessment. Ask one of them.';

/**
 * A file name that is safe inside `Content-Disposition: attachment; filename="…"`: printable
 * ASCII letters, digits, spaces, dots, dashes and underscores only (a CR or LF would end the
 * header, a quote would end the name, and non-ASCII is not allowed in that form), at most 100
 * characters, always ending in .pdf. A name with nothing usable left becomes `fallback`.
 */
export function safePdfName(stored: string, fallback: string): string {
  const stem = stored
    .replace(/\.pdf$/i, '')
    .replace(/[^A-Za-z0-9 ._-]+/g, '_')
    .replace(/[_\s]*_[_\s]*/g, '_')
    .replace(/^[\s._-]+|[\s._-]+$/g, '')
    .slice(0, 96)
    .trim();
  return `${/[A-Za-z0-9]/.test(stem) ? stem : fallback}.pdf`;
}

export function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

export type RiskAssessmentFile = { bytes: Buffer; fileName: string; sha256: string };

/** The file for a role that may open it, with the opening in the audit log; a refusal otherwise. */
export function openRiskAssessment(db: Db, exemptionId: string, actor: Actor, at: Date): RiskAssessmentFile {
  if (!RISK_ASSESSMENT_ROLES.includes(actor.role)) throw new ContractError('FORBIDDEN', RISK_ASSESSMENT_FORBIDDEN);
  if (actor.mustChangePassword) throw new ContractError('FORBIDDEN', MUST_CHANGE_PASSWORD);
  const r = stmt(db, 'SELECT expected_id, file_name, file_sha256, file_base64 FROM previsit_requests WHERE exemption_id = ?').get(exemptionId) as
    | { expected_id: string; file_name: string; file_sha256: string; file_base64: string }
    | undefined;
  if (!r) throw new ContractError('NOT_FOUND', 'This device request has no risk assessment file (it was not made before a visit).');
  const bytes = Buffer.from(r.file_base64, 'base64');
  db.transaction(() =>
    appendAudit(db, { at, actor: actorLabel(actor), action: 'previsit.riskAssessment.open', target: `exemption:${exemptionId}`, detail: { expected: r.expected_id, sha256: r.file_sha256, bytes: bytes.length } }),
  ).immediate();
  return { bytes, fileName: safePdfName(r.file_name, `risk-assessment-${exemptionId.slice(0, 40)}`), sha256: r.file_sha256 };
}
