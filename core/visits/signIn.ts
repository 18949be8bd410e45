// Sign-in: one transaction writes every event of the visit (arrived, policy acknowledged,
// phone custody, any device-use request or acknowledged approval) so a crash leaves either a
// whole visit or none, and a refused sign-in writes nothing.
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { OpParsed, VisitReceipt } from '../../shared/contract.js';
import { ContractError } from '../../shared/errors.js';
import type { PhoneCustody } from '../../shared/domain.js';
import { nameKey, organisationKey } from '../../shared/text.js';
import type { BadgeQueue } from '../printing/badgeQueue.js';
import type { Db } from '../db/open.js';
import type { ExemptionLookup, ValidExemption } from '../exemptions/lookup.js';
import { currentPolicy } from '../policy/policy.js';
import { shownPrivacyNotice } from '../privacy/shown.js';
import { kioskBadgePrefix, localDay, readSettings } from '../site/settings.js';
import { appendEvent } from './events.js';
import { restrictedMatch } from '../admission/kioskCheck.js';
import { expectedForSignIn } from '../admission/expected.js';
import { stmt, transaction } from '../db/statements.js';

/** Crockford-style alphabet without I, L, O, U: easy to read off a badge and type back. */
const BADGE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newBadgeCode(db: Db): string {
  const taken = stmt(db, 'SELECT 1 FROM visits WHERE badge_code = ?');
  for (;;) {
    let code = '';
    for (const b of randomBytes(6)) code += BADGE_ALPHABET[b & 31]; // 32 symbols: 5 bits each, unbiased
    if (!taken.get(code)) return code;
  }
}

export type SignInDeps = { db: Db; now: () => Date; exemptions: ExemptionLookup; badges: BadgeQueue };

export function signIn(deps: SignInDeps, input: OpParsed<'visit.signIn'>): VisitReceipt {
  return transaction(deps.db, signInTx).immediate(deps, input);
}

function signInTx(deps: SignInDeps, input: OpParsed<'visit.signIn'>): VisitReceipt {
  const { db } = deps;
  const at = deps.now();
  const iso = at.toISOString();
  const settings = readSettings(db);

  // The visitor must have agreed to the version in force now, as shown to them.
  const policy = currentPolicy(db, input.language);
  if (input.policy.versionId !== policy.versionId || input.policy.textHash !== policy.textHash)
    throw new ContractError('POLICY_CHANGED', 'The phone and device expectations have just been updated. Please read them again.');

  const privacy = shownPrivacyNotice(db, input.privacy, input.language);

  const host = stmt(db, 'SELECT id, name FROM hosts WHERE id = ? AND active = 1').get(input.hostId) as { id: string; name: string } | undefined;
  if (!host) throw new ContractError('INVALID_INPUT', 'Please choose who you are visiting.', [{ path: 'hostId', message: 'invalid' }]);

  const key = nameKey(input.fullName);
  let custody: PhoneCustody;
  let requestId: string | null = null;
  let approval: ValidExemption | null = null;
  switch (input.phone.choice) {
    case 'locker': {
      const locker = stmt(db, 'SELECT id, label, kind FROM lockers WHERE id = ? AND active = 1').get(input.phone.lockerId) as
        | { id: string; label: string; kind: 'locker' | 'pouch' }
        | undefined;
      if (!locker) throw new ContractError('INVALID_INPUT', 'That locker does not exist.', [{ path: 'phone.lockerId', message: 'invalid' }]);
      const busy = stmt(db, 'SELECT 1 FROM visits WHERE locker_id = ? AND phone_out_at IS NULL').get(locker.id);
      if (busy) throw new ContractError('LOCKER_TAKEN', `${locker.label} is already in use. Please choose another.`, [{ path: 'phone.lockerId', message: 'taken' }]);
      custody = { kind: 'locker', lockerId: locker.id, lockerLabel: locker.label, lockerKind: locker.kind };
      break;
    }
    case 'reception':
      custody = { kind: 'reception' };
      break;
    case 'none':
      custody = { kind: 'none' };
      break;
    case 'exemption': {
      const { exemptionId, conditionsHash } = input.phone;
      if (exemptionId === undefined || conditionsHash === undefined) {
        // No approval was shown and ticked: never grant one silently, however well the name
        // matches. Record a request; reception confirms or refuses it.
        requestId = uuidv7();
        custody = { kind: 'exemption_pending', requestId };
        break;
      }
      // Re-checked inside the transaction: the office may have revoked or changed it since the
      // visitor read it, and the time window may have closed.
      const ex = deps.exemptions.checkValid(exemptionId, { nameKey: key, organisationKey: organisationKey(input.organisation), category: input.category }, at);
      if (!ex)
        throw new ContractError('EXEMPTION_NOT_VALID', 'This approval to use a device is no longer valid. Please choose again where your phone will be, or speak to reception.', [
          { path: 'phone.exemptionId', message: 'invalid' },
        ]);
      if (ex.conditionsHash !== conditionsHash)
        throw new ContractError('EXEMPTION_NOT_VALID', 'The conditions of this approval have just changed. Please read them again.', [
          { path: 'phone.conditionsHash', message: 'changed' },
        ]);
      custody = { kind: 'exemption', exemptionId: ex.id };
      approval = ex;
      break;
    }
  }

  const day = localDay(at, settings.timeZone);
  const badgeNumber = ((stmt(db, 'SELECT MAX(badge_number) AS n FROM visits WHERE local_day = ?').get(day) as { n: number | null }).n ?? 0) + 1;
  // Numbers count per kiosk; the office's letter for this kiosk keeps them apart from the others'.
  const badgePrefix = kioskBadgePrefix(db);
  const badgeCode = newBadgeCode(db);
  const visitId = uuidv7();
  const base = { visitId, kioskId: settings.kioskId, at: iso };
  const idCheckRequired = input.category === 'professional';
  // The restricted list (keyed hashes from the office): a match is held, never refused here,
  // and the visitor is only asked to see reception. The office alerts reception and the DSL.
  const restrictedEntryId = restrictedMatch(db, input.fullName);
  const expectedId = expectedForSignIn(db, input.expectedId, at);

  appendEvent(db, {
    ...base,
    body: {
      kind: 'arrived',
      category: input.category,
      fullName: input.fullName,
      nameKey: key,
      organisation: input.organisation,
      agencyRole: input.agencyRole,
      hostId: host.id,
      hostName: host.name,
      purpose: input.purpose,
      language: input.language,
      badgeCode,
      badgeNumber,
      ...(badgePrefix ? { badgePrefix } : {}),
      localDay: day,
      idCheckRequired,
      needsEvacuationHelp: input.needsEvacuationHelp,
      ...(expectedId ? { expectedId } : {}),
      ...(restrictedEntryId ? { held: true, restrictedEntryId } : {}),
      ...(privacy ? { privacyVersionId: privacy.versionId, privacyTextHash: privacy.textHash, privacyLanguage: privacy.language } : {}),
    },
  });
  appendEvent(db, {
    ...base,
    body: { kind: 'policy_acknowledged', versionId: policy.versionId, version: policy.version, textHash: policy.textHash, language: policy.language },
  });
  if (requestId) appendEvent(db, { ...base, body: { kind: 'device_use_requested', requestId } });
  const approvedUse = approval ? { locations: approval.locations, until: approval.until } : undefined;
  if (approval && approvedUse)
    appendEvent(db, { ...base, body: { kind: 'exemption_conditions_acknowledged', exemptionId: approval.id, conditionsHash: approval.conditionsHash, ...approvedUse } });
  appendEvent(db, { ...base, body: { kind: 'phone_stored', custody } });

  const receipt = {
    visitId,
    badgeCode,
    badgeNumber,
    badgePrefix,
    fullName: input.fullName,
    category: input.category,
    hostName: host.name,
    arrivedAt: iso,
    phone: custody,
    idCheckRequired,
    ...(approvedUse ? { approvedUse } : {}),
  };
  // A held visitor gets no badge: reception decides, in person.
  if (restrictedEntryId) return { ...receipt, badge: { status: 'not_configured' }, held: true };
  return { ...receipt, badge: deps.badges.enqueue(db, receipt, at) };
}
