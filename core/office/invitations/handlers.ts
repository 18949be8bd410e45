// The console's "before the visit" operations: send an invitation by email (through the outbox,
// in the same transaction that records which policy version it carried), download it as a
// letter, list what was sent for an expected visitor.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { Language } from '../../../shared/domain.js';
import type { Invitation } from '../../../shared/invitations.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeHandlers } from '../context.js';
import { enqueue } from '../notifications/outbox.js';
import { requireEmailOn, visitorAddress } from './checks.js';
import { composeInvitation, expectedRow, invitationText } from './compose.js';
import { publishExpected } from '../reference/expected.js';
import { invitationLetter } from './letter.js';
import { listPrevisit, previsitHandlers } from './previsit.js';
import { outdatedLetters, recordLetter } from './rulesChanged.js';

type InvitationRow = {
  id: string;
  expected_id: string;
  email: string;
  language: Language;
  visit_time: string;
  policy_version_id: string;
  policy_version: number;
  policy_language: Language;
  policy_text_hash: string;
  message_id: string | null;
  message_status: string | null;
  sent_by: string;
  sent_at: string;
};

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  expectedId: r.expected_id,
  email: r.email,
  language: r.language,
  time: r.visit_time,
  policyVersionId: r.policy_version_id,
  policyVersion: Number(r.policy_version),
  policyLanguage: r.policy_language,
  policyTextHash: r.policy_text_hash,
  messageId: r.message_id,
  messageStatus: r.message_status,
  sentBy: r.sent_by,
  sentAt: r.sent_at,
});

const SELECT = `SELECT i.*, o.status AS message_status FROM invitations i LEFT JOIN notify_outbox o ON o.id = i.message_id`;

export function invitationRow(db: Db, id: string): InvitationRow | undefined {
  return stmt(db, `${SELECT} WHERE i.id = ?`).get(id) as InvitationRow | undefined;
}

export const invitationHandlers: OfficeHandlers<'invitations.send' | 'invitations.letter' | 'invitations.list' | 'invitations.outdatedLetters' | 'previsit.request' | 'previsit.tellVisitor' | 'previsit.ofExemption'> = {
  'invitations.send': (input, ctx) => {
    const { db } = ctx;
    const email = visitorAddress(input.email);
    requireEmailOn(db);
    const c = composeInvitation(db, input.expectedId, input.language, input.time);
    const { subject, body } = invitationText(c);
    const id = uuidv7();
    const messageId = enqueue(db, { kind: 'invitation', channel: 'email', recipient: email, subject, body, ref: `invitation:${id}`, dedupeKey: `invitation:${id}` }, ctx.now);
    stmt(
      db,
      `INSERT INTO invitations (id, expected_id, email, language, visit_time, policy_version_id, policy_version, policy_language, policy_text_hash, message_id, sent_by, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.expectedId, email, input.language, input.time, c.policy.versionId, c.policy.version, c.policy.language, c.policy.textHash, messageId, actorLabel(ctx.actor), ctx.now.toISOString());
    // The address is personal data: the audit log says that an invitation went, and with what policy.
    // Kiosks learn the code's hash and the policy version sent (core/office/reference/expected.ts).
    publishExpected(db, input.expectedId, ctx.now);
    ctx.audit('invitation.send', `expected:${input.expectedId}`, { invitation: id, language: input.language, policyVersion: c.policy.version, policyTextHash: c.policy.textHash });
    return { invitation: toInvitation(invitationRow(db, id)!) };
  },

  'invitations.letter': (input, ctx) => {
    const hadCode = expectedRow(ctx.db, input.expectedId).signin_code !== null;
    const c = composeInvitation(ctx.db, input.expectedId, input.language, input.time);
    // A letter may be the first to give the code: kiosks then need its hash.
    if (!hadCode) publishExpected(ctx.db, input.expectedId, ctx.now);
    const pdf = invitationLetter(c, ctx.now);
    // Remembered with its version: when the rules change before the visit, the console says so.
    recordLetter(ctx.db, { expectedId: input.expectedId, language: input.language, time: input.time, policy: c.policy, by: actorLabel(ctx.actor), at: ctx.now });
    ctx.audit('invitation.letter', `expected:${input.expectedId}`, { language: input.language, policyVersion: c.policy.version, policyTextHash: c.policy.textHash });
    return { pdfBase64: pdf.toString('base64'), fileName: `invitation-${input.expectedId}.pdf` };
  },

  'invitations.list': ({ expectedId }, { db }) => ({
    invitations: (stmt(db, `${SELECT} WHERE i.expected_id = ? ORDER BY i.sent_at DESC, i.id DESC`).all(expectedId) as InvitationRow[]).map(toInvitation),
    previsit: listPrevisit(db, expectedId),
  }),

  'invitations.outdatedLetters': (_i, ctx) => ({ letters: outdatedLetters(ctx.db, ctx.now) }),

  ...previsitHandlers,
};

/** What an invitation's email carries besides its text: the sign-in code as a QR image and the
 *  letter, of the policy version recorded when it was sent. Built at delivery (deliver.ts). */
export async function invitationAttachments(db: Db, ref: string | null, at: Date): Promise<{ filename: string; content: Buffer; contentType: string }[]> {
  const id = ref?.startsWith('invitation:') ? ref.slice('invitation:'.length) : null;
  const r = id ? invitationRow(db, id) : undefined;
  if (!r) return [];
  const c = composeInvitation(db, r.expected_id, r.language, r.visit_time, r.policy_version_id);
  const { default: QRCode } = await import('qrcode');
  const png = await QRCode.toBuffer(c.code, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
  return [
    { filename: 'sign-in-code.png', content: png, contentType: 'image/png' },
    { filename: 'invitation.pdf', content: invitationLetter(c, at), contentType: 'application/pdf' },
  ];
}
