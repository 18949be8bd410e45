// The seam for device-use exemptions. The headteacher approves device use in the office; the
// kiosk keeps a copy of the approvals (register.ts) and can only match a visitor to one of them.
// Tests may inject their own lookup.
import type { VisitorCategory } from '../../shared/domain.js';

/** Who an approval is for: a named person from a named organisation (both as keys, see shared/text.ts). */
export type ExemptionHolder = { nameKey: string; organisationKey: string; category: VisitorCategory };

/** An approval that is valid now, with everything the visitor is asked to acknowledge. */
export type ValidExemption = {
  id: string;
  /** Approved places by name, as the badge shows them. */
  locations: string[];
  /** ISO instant: the end of today's time window, or the end of the last day of validity. */
  until: string;
  devices: string;
  conditions: string;
  /** sha-256 (hex) of what the visitor is shown and acknowledges: see approvalCanonicalText(). */
  conditionsHash: string;
};

export interface ExemptionLookup {
  /** The approval valid at `at` for exactly this person from this organisation, if any. */
  findValid(holder: ExemptionHolder, at: Date): ValidExemption | null;
  /** The same question for one approval the visitor has already been shown (sign-in re-checks it). */
  checkValid(id: string, holder: ExemptionHolder, at: Date): ValidExemption | null;
}

/** For tests that want a kiosk where no visitor has an approval. */
export const noExemptions: ExemptionLookup = { findValid: () => null, checkValid: () => null };
