// A regular's card sign-in as a kiosk pushed it (event 'regular_signed_in', stored in hub_events
// with the visit): the hub notes whose visit it was and any agreement they acknowledged there,
// and sends the person's kiosk copy again, so the other kiosks stop asking for that agreement.
// Called after each push, inside its transaction, with the events the push stored (a re-push
// stores nothing new, so this runs once per event).
import { REGULAR_EVENT_KIND } from '../../../shared/regulars.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import { hubToday } from '../reference/site.js';
import type { StoredEvent } from '../visits/projection.js';
import { publishRegular } from './store.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);

export function recordRegularSignIns(db: Db, stored: readonly StoredEvent[], at: Date): number {
  let n = 0;
  const today = hubToday(db, at);
  for (const ev of stored) {
    if (ev.kind !== REGULAR_EVENT_KIND) continue;
    const regularId = str(ev.body.regularId);
    // A person deleted or never known here (a kiosk's stale copy): the visit stands, unlinked.
    if (!regularId || !stmt(db, 'SELECT 1 FROM regulars WHERE id = ?').get(regularId)) continue;
    stmt(db, 'INSERT INTO regular_visits (visit_id, regular_id, kiosk_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (visit_id) DO NOTHING').run(ev.visitId, regularId, ev.kioskId, ev.at);
    const a = ev.body.agreement as Record<string, unknown> | undefined;
    if (a && typeof a === 'object') {
      const versionId = str(a.versionId);
      const textHash = typeof a.textHash === 'string' && /^[0-9a-f]{64}$/.test(a.textHash) ? a.textHash : null;
      const ackDay = typeof a.ackDay === 'string' && /^\d{4}-\d\d-\d\d$/.test(a.ackDay) ? a.ackDay : null;
      if (versionId && textHash && ackDay && Number.isInteger(a.version)) {
        stmt(
          db,
          `INSERT INTO agreement_acks (id, regular_id, version_id, version, text_hash, language, ack_day, at, kiosk_id, visit_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        ).run(ev.id, regularId, versionId, a.version as number, textHash, str(a.language) ?? 'en', ackDay, ev.at, ev.kioskId, ev.visitId);
        appendAudit(db, { at: at.toISOString(), actor: `kiosk:${ev.kioskId}`, action: 'agreement.acknowledge', target: `regular:${regularId}`, detail: { versionId, version: a.version, visitId: ev.visitId } });
      }
    }
    // Other kiosks learn the phone policy and agreement this person last acknowledged.
    publishRegular(db, regularId, today, at);
    n++;
  }
  return n;
}
