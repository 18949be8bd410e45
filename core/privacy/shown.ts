// Which privacy notice a sign-in records: the one the visitor was shown on "About you".
import { ContractError } from '../../shared/errors.js';
import type { Language } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { currentPrivacyNotice, findPrivacyText } from './notice.js';

export type ShownPrivacy = { versionId: string; textHash: string; language: Language };

/**
 * The screen says which version and text it showed. That is recorded even if a newer version
 * arrived since (it is what this visitor read), provided this kiosk holds that exact text: a
 * claim it cannot back is refused rather than recorded. A sign-in that says nothing (an older
 * screen) records the notice in force in the visitor's language, which is what that screen
 * showed. Nothing is recorded on a kiosk with no notice at all.
 */
export function shownPrivacyNotice(db: Db, claimed: { versionId: string; textHash: string } | undefined, language: Language): ShownPrivacy | undefined {
  if (claimed) {
    const text = findPrivacyText(db, claimed.versionId, claimed.textHash);
    if (!text)
      throw new ContractError('INVALID_INPUT', 'The privacy notice shown is not one this kiosk holds. Please start again.', [{ path: 'privacy', message: 'invalid' }]);
    return { ...claimed, language: text.language };
  }
  try {
    const n = currentPrivacyNotice(db, language);
    return { versionId: n.versionId, textHash: n.textHash, language: n.language };
  } catch {
    return undefined;
  }
}
