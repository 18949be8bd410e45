// The invitation's sign-in code at the kiosk (issue #14). The hub sends kiosks only a hash of
// the code, never the code: a kiosk's disk (stolen, or read by a curious technician) then holds
// nothing that signs anyone in elsewhere or reads back from the letter. The code carries 80
// random bits, so an unsalted sha-256 cannot be reversed by trying codes.
import { normaliseSigninCode } from '../../shared/signinCode.js';
import type { Db } from '../db/open.js';
import { sha256Hex } from '../policy/policy.js';

/** sha-256 (hex) of the normalised code; null when the text cannot be a code. */
export function signinCodeHash(raw: string): string | null {
  const code = normaliseSigninCode(raw);
  return code === null ? null : sha256Hex(code);
}

/** Kiosk migration 190: the code's hash and the policy version the invitation carried. */
export function signinCodeKioskSchema(db: Db): void {
  db.exec(`
    ALTER TABLE expected_visitors ADD COLUMN code_hash TEXT;
    ALTER TABLE expected_visitors ADD COLUMN invited_policy_version_id TEXT;
    CREATE INDEX expected_by_code ON expected_visitors(code_hash);
  `);
}
