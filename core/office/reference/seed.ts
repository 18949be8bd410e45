// A new hub starts with a working set: the same default lockers, phone-use locations, hosts
// and policy a stand-alone kiosk starts with (core/site/defaults.ts), so a school can pair its
// first kiosk before it has configured anything, and kiosks that pull get what they had.
import type { Db } from '../../db/open.js';
import { DEFAULT_HOSTS, DEFAULT_LOCATIONS, DEFAULT_LOCKERS, DEFAULT_POLICY } from '../../site/defaults.js';
import { getSetting, setSetting } from '../../site/settings.js';
import { appendRefChange } from './feed.js';
import { currentHubPrivacy } from './privacy.js';
import { currentPrivacyVersion, publishPrivacyTexts } from '../../privacy/notice.js';
import { DEFAULT_PRIVACY } from '../../privacy/defaults.js';
import type { RefPrivacy } from '../../../shared/sync.js';
import { seedList } from './lists.js';
import { publishHubPolicy } from './policy.js';
import { hubSite } from './site.js';

const SEEDED = 'hub_defaults_seeded_at';

/**
 * Fill the defaults once in the hub's life, each emitted to the feed once; later opens do
 * nothing (a school that retired every default locker must not get them back). A list that
 * already has rows is left as it is. Returns whether it seeded.
 */
export function seedHubDefaults(db: Db, at: Date): boolean {
  if (getSetting(db, SEEDED)) return false; // the usual case: no write lock taken at open
  return db
    .transaction(() => {
      if (getSetting(db, SEEDED)) return false; // another process seeded it meanwhile
      seedList(db, 'lockers', DEFAULT_LOCKERS, at);
      seedList(db, 'locations', DEFAULT_LOCATIONS, at);
      seedList(db, 'hosts', DEFAULT_HOSTS, at);
      if (!db.prepare('SELECT 1 FROM policy_versions LIMIT 1').get()) publishHubPolicy(db, DEFAULT_POLICY, at, 'default');
      // The privacy notice the console shows for editing, and kiosks take as the office's.
      if (!currentPrivacyVersion(db, 'office')) {
        publishPrivacyTexts(db, DEFAULT_PRIVACY, at, 'office');
        const privacy = currentHubPrivacy(db);
        appendRefChange(db, 'privacy', privacy.versionId, privacy as RefPrivacy, at);
      }
      // Written down so the zone stays the school's even if the server's clock setting changes.
      const site = hubSite(db);
      setSetting(db, 'site_name', site.siteName);
      setSetting(db, 'time_zone', site.timeZone);
      appendRefChange(db, 'site', 'site', site, at);
      setSetting(db, SEEDED, at.toISOString());
      return true;
    })
    .immediate();
}
