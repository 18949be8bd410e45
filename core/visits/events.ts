// Visit events: the kiosk's record of what happened, append-only, one row per fact.
// Each append also writes an outbox row (for sync) and updates the derived visit table,
// all inside the caller's transaction.
import { v7 as uuidv7 } from 'uuid';
import type { PhoneCustody, VisitorCategory } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { applyToProjection } from './projection.js';
import { stmt } from '../db/statements.js';

export type EventBody =
  | {
      kind: 'arrived';
      category: VisitorCategory;
      fullName: string;
      nameKey: string;
      organisation: string;
      agencyRole: string;
      hostId: string;
      hostName: string;
      purpose: string;
      language: string;
      badgeCode: string;
      badgeNumber: number;
      /** The kiosk's badge letter from the office; absent before it had one. */
      badgePrefix?: string;
      localDay: string;
      idCheckRequired: boolean;
      needsEvacuationHelp: boolean;
      /** The privacy notice shown where these details were given (version id, hash of its text,
       *  the language it was in). Absent on visits from before kiosks showed one. */
      privacyVersionId?: string;
      privacyTextHash?: string;
      privacyLanguage?: string;
      /** The expected-visitor entry the visitor picked at the kiosk (issue #13). */
      expectedId?: string;
      /** The name matched the restricted list: the visit is held for reception (issue #13). */
      held?: boolean;
      restrictedEntryId?: string;
    }
  | { kind: 'policy_acknowledged'; versionId: string; version: number; textHash: string; language: string }
  | { kind: 'device_use_requested'; requestId: string }
  /** The visitor ticked "I will follow these conditions" for approval `exemptionId`: the hash of the
   *  terms they were shown, and the places and end time the badge showed, frozen at sign-in so a
   *  later change to the approval does not rewrite what this visit agreed to. */
  | { kind: 'exemption_conditions_acknowledged'; exemptionId: string; conditionsHash: string; locations: string[]; until: string }
  | { kind: 'phone_stored'; custody: PhoneCustody }
  /** by 'staff': reception handed the phone back (end of day, or a visitor who left in a hurry). */
  | { kind: 'phone_returned'; by: 'visitor' | 'staff'; staff?: string }
  /** by 'staff': signed out by a named member of staff; 'auto': by the end-of-day rule, so the
   *  record never pretends the visitor signed out themselves. */
  | { kind: 'departed'; by: 'visitor' | 'staff' | 'auto'; staff?: string }
  /** Fire roll call: a member of staff marked this visitor safe or missing. */
  | { kind: 'roll_call_marked'; rollCallId: string; status: 'safe' | 'missing'; by: string }
  | { kind: 'badge_printed'; jobId: string; reprint: boolean }
  | { kind: 'badge_reprint_requested'; jobId: string; by: string }
  /** A regular visitor signed in with their card (core/regulars/quickSignIn.ts): who, whether the
   *  phone policy was shown again, and the acceptable-use agreement acknowledged, if it was due. */
  | {
      kind: 'regular_signed_in';
      regularId: string;
      policyShown: boolean;
      agreement?: { versionId: string; version: number; textHash: string; language: string; ackDay: string };
    }
  /** A visitor's "report a concern" (help screen); its visit id is the report's own (core/safeguarding/kiosk.ts). */
  | { kind: 'concern_reported'; text: string; name: string; language: string };

export type VisitEvent = { id: string; visitId: string; kioskId: string; at: string; body: EventBody };

export function appendEvent(db: Db, e: Omit<VisitEvent, 'id'>): VisitEvent {
  const ev: VisitEvent = { id: uuidv7(), ...e };
  const { kind, ...rest } = ev.body;
  stmt(db, 'INSERT INTO visit_events (id, visit_id, kiosk_id, kind, at, body) VALUES (?, ?, ?, ?, ?, ?)').run(
    ev.id,
    ev.visitId,
    ev.kioskId,
    kind,
    ev.at,
    JSON.stringify(rest),
  );
  stmt(db, 'INSERT INTO outbox (event_id) VALUES (?)').run(ev.id);
  applyToProjection(db, ev);
  return ev;
}

type EventRow = { id: string; visit_id: string; kiosk_id: string; kind: string; at: string; body: string };

export function rowToEvent(r: EventRow): VisitEvent {
  return { id: r.id, visitId: r.visit_id, kioskId: r.kiosk_id, at: r.at, body: { kind: r.kind, ...JSON.parse(r.body) } as EventBody };
}

export function eventsOfVisit(db: Db, visitId: string): VisitEvent[] {
  return (stmt(db, 'SELECT id, visit_id, kiosk_id, kind, at, body FROM visit_events WHERE visit_id = ? ORDER BY seq').all(visitId) as EventRow[]).map(rowToEvent);
}

/** All events in append order, read in pages (the connection stays free for writes between pages). */
export function* allEvents(db: Db, pageSize = 5000): Generator<VisitEvent> {
  const page = stmt(db, 'SELECT seq, id, visit_id, kiosk_id, kind, at, body FROM visit_events WHERE seq > ? ORDER BY seq LIMIT ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, pageSize) as (EventRow & { seq: number })[];
    for (const r of rows) yield rowToEvent(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}
