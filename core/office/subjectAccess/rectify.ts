// Rectifying a person's name or organisation on the records staff confirmed. A visit's row is
// folded from its events, so correcting only the row would be undone by the next refold: the
// 'arrived' event that carries the name is rewritten in place (same id and sequence, so a
// kiosk re-pushing it is still a duplicate) and the visit folded again. The wrong value is not
// kept anywhere: rectification replaces it; the audit log says which fields of which records
// changed, and why, never the values.
// Kiosk copies are not changed here: a kiosk keeps its own visits only until its purge, and
// shows others masked (see the report of issue #6 for the follow-up).
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { nameKey } from '../../../shared/text.js';
import { publishExemption } from '../exemptions/store.js';
import { publishExpected } from '../reference/expected.js';
import { hubToday } from '../reference/site.js';
import { publishRegular } from '../regulars/store.js';
import { refoldVisit } from '../visits/projection.js';
import type { Confirmed } from './document.js';

export type Correction = { fullName?: string | undefined; organisation?: string | undefined };

type HubEventRow = { seq: number; id: string; kiosk_id: string; kiosk_seq: number; visit_id: string; kind: string; at: string; body: string; received_at: string };

function rectifyVisit(db: Db, visitId: string, c: Correction): void {
  const arrived = stmt(db, "SELECT * FROM hub_events WHERE visit_id = ? AND kind = 'arrived' ORDER BY kiosk_seq LIMIT 1").get(visitId) as HubEventRow | undefined;
  if (!arrived) return;
  const body = JSON.parse(arrived.body) as Record<string, unknown>;
  if (c.fullName !== undefined) Object.assign(body, { fullName: c.fullName, nameKey: nameKey(c.fullName) });
  if (c.organisation !== undefined) body.organisation = c.organisation;
  // hub_events refuses UPDATE (append-only for sync); a rectification is the one rewrite.
  stmt(db, 'DELETE FROM hub_events WHERE seq = ?').run(arrived.seq);
  stmt(db, 'INSERT INTO hub_events (seq, id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    arrived.seq, arrived.id, arrived.kiosk_id, arrived.kiosk_seq, arrived.visit_id, arrived.kind, arrived.at, JSON.stringify(body), arrived.received_at,
  );
  refoldVisit(db, visitId);
}

export function rectify(db: Db, records: Confirmed, c: Correction, at: Date): { visits: number; exemptions: number; breaches: number; regulars: number; expected: number } {
  for (const v of records.visits) rectifyVisit(db, v.id, c);
  for (const e of records.exemptions) {
    const fullName = c.fullName ?? e.full_name;
    stmt(db, 'UPDATE exemptions SET full_name = ?, name_key = ?, organisation = ? WHERE id = ?').run(fullName, nameKey(fullName), c.organisation ?? e.organisation, e.id);
    // Kiosks match on the name: they get the corrected copy, and the feed keeps no old one.
    stmt(db, "DELETE FROM ref_changes WHERE entity = 'exemption' AND key = ?").run(e.id);
    publishExemption(db, e.id, at);
  }
  // A breach record names a person only (no organisation).
  if (c.fullName !== undefined) for (const b of records.breaches) stmt(db, 'UPDATE breaches SET person = ? WHERE id = ?').run(c.fullName, b.id);
  // The register and expected visitors: kiosks get the corrected copy, as for exemptions.
  const iso = at.toISOString();
  for (const r of records.regulars) {
    const fullName = c.fullName ?? r.full_name;
    stmt(db, 'UPDATE regulars SET full_name = ?, name_key = ?, organisation = ?, updated_at = ? WHERE id = ?').run(fullName, nameKey(fullName), c.organisation ?? r.organisation, iso, r.id);
    stmt(db, "DELETE FROM ref_changes WHERE entity = 'regular' AND key = ?").run(r.id);
    publishRegular(db, r.id, hubToday(db, at), at);
  }
  for (const e of records.expected) {
    const fullName = c.fullName ?? e.full_name;
    stmt(db, 'UPDATE expected_visitors SET full_name = ?, name_key = ?, organisation = ? WHERE id = ?').run(fullName, nameKey(fullName), c.organisation ?? e.organisation, e.id);
    stmt(db, "DELETE FROM ref_changes WHERE entity = 'expected' AND key = ?").run(e.id);
    publishExpected(db, e.id, at);
  }
  return {
    visits: records.visits.length,
    exemptions: records.exemptions.length,
    breaches: c.fullName !== undefined ? records.breaches.length : 0,
    regulars: records.regulars.length,
    expected: records.expected.length,
  };
}
