// The office's privacy notice: the kiosk's publishing rules (core/privacy/notice.ts) on the
// hub's tables (hub migration 50, the kiosk's shapes), and the feed change that carries the
// version in force to kiosks, where it outranks their own default or site.json notice.
import type { Language } from '../../../shared/domain.js';
import type { PrivacyVersion } from '../../../shared/office.js';
import type { RefPrivacy } from '../../../shared/sync.js';
import type { Db } from '../../db/open.js';
import { currentPrivacyVersion, publishPrivacyTexts } from '../../privacy/notice.js';
import type { OfficeHandlers } from '../context.js';
import { appendRefChange } from './feed.js';

/** The version in force with all its texts; version 0 and no texts before any is published. */
export function currentHubPrivacy(db: Db): PrivacyVersion {
  const v = currentPrivacyVersion(db, 'office');
  return v ? { versionId: v.id, version: v.version, publishedAt: v.publishedAt, texts: v.texts } : { versionId: '', version: 0, publishedAt: '', texts: {} };
}

export const privacyHandlers: OfficeHandlers<'privacy.get' | 'privacy.publish'> = {
  'privacy.get': (_i, ctx) => currentHubPrivacy(ctx.db),
  'privacy.publish': (input, ctx) => {
    const r = publishPrivacyTexts(ctx.db, input.texts, ctx.now, 'office');
    const privacy = currentHubPrivacy(ctx.db);
    if (r.created || r.added.length > 0) {
      // Sent whole, keyed by version id, so a kiosk holds exactly the texts visitors are shown.
      appendRefChange(ctx.db, 'privacy', privacy.versionId, privacy as RefPrivacy, ctx.now);
      ctx.audit('privacy.publish', `privacy:${privacy.versionId}`, { version: privacy.version, newVersion: r.created, languages: r.added as Language[] });
    }
    return privacy;
  },
};
