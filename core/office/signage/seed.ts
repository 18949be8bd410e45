// A hub starts with the policy's own examples of places where devices are never used, once in
// its life (a school that removes them does not get them back), each sent to kiosks.
import type { Db } from '../../db/open.js';
import { getSetting, setSetting } from '../../site/settings.js';
import { DEFAULT_NEVER_PLACES } from '../../safeguarding/defaults.js';
import { seedList } from '../reference/lists.js';

const SEEDED = 'hub_never_places_seeded_at';

export function seedNeverPlaces(db: Db, at: Date): boolean {
  if (getSetting(db, SEEDED)) return false;
  return db
    .transaction(() => {
      if (getSetting(db, SEEDED)) return false;
      seedList(db, 'never_places', DEFAULT_NEVER_PLACES, at);
      setSetting(db, SEEDED, at.toISOString());
      return true;
    })
    .immediate();
}
