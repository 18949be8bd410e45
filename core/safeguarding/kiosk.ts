// The kiosk's copy of the office's never-here places and DSL directory (help and policy
// screens, badge), and a visitor's "report a concern", which travels to the hub as an event.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { appendEvent } from '../visits/events.js';
import { readSettings } from '../site/settings.js';
import type { DslRole, SafeguardingInfo } from '../../shared/signage.js';
import type { Language } from '../../shared/domain.js';

export function neverPlaces(db: Db): string[] {
  return stmt(db, 'SELECT name FROM never_places WHERE active = 1 ORDER BY sort, name').pluck().all() as string[];
}

/** Leads first, then deputies, each in the office's order. */
export function dslDirectory(db: Db): SafeguardingInfo['dsls'] {
  return stmt(db, "SELECT name, role, contact FROM dsls WHERE active = 1 ORDER BY (role = 'dsl') DESC, sort, name").all() as { name: string; role: DslRole; contact: string }[];
}

export function safeguardingInfo(db: Db): SafeguardingInfo {
  return { neverPlaces: neverPlaces(db), dsls: dslDirectory(db) };
}

/**
 * Record a visitor's report as an event of its own (its "visit" id is the report's id: it
 * belongs to no visit). The outbox carries it to the hub, signed, once, like any event; the
 * hub puts it in the DSL's concern queue (core/office/breaches/fromKiosk.ts).
 */
export function reportConcern(db: Db, input: { text: string; name: string; language: Language }, at: Date): { reportId: string } {
  const reportId = uuidv7();
  db.transaction(() => {
    appendEvent(db, {
      visitId: reportId,
      kioskId: readSettings(db).kioskId,
      at: at.toISOString(),
      body: { kind: 'concern_reported', text: input.text, name: input.name, language: input.language },
    });
  })();
  return { reportId };
}
