// Test helpers for the office hub's domain handlers: a real hub on a temp folder, staff actors
// of each role, and kiosk events shaped as a kiosk pushes them (core/visits/events.ts) to feed
// the hub's projection. No test-runner imports here: this folder is also compiled for the bench.
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from './postgres.js';
import type { Actor } from '../../core/office/context.js';
import { ingestEvents, type HubVisitRow } from '../../core/office/visits/projection.js';
import type { PhoneCustody, VisitorCategory } from '../../shared/domain.js';
import type { Role } from '../../shared/office.js';
import type { RefChange, RefEntity, SyncEvent } from '../../shared/sync.js';
import { nameKey } from '../../shared/text.js';
import { tempDir } from './tempKiosk.js';

export function tempHub(now: () => Date): Hub {
  return openTestHub({ dataDir: tempDir('hub-test-'), now, log: () => {} });
}

export function disposeHub(h: Hub): void {
  try {
    if (h.db.open) h.close();
  } finally {
    fs.rmSync(h.dataDir, { recursive: true, force: true });
  }
}

export const ACTORS: Record<Role, Actor> = {
  office: { staffId: 's-office', username: 'ofelia', displayName: 'Ofelia Office', role: 'office' },
  dsl: { staffId: 's-dsl', username: 'dana', displayName: 'Dana Lead', role: 'dsl' },
  head: { staffId: 's-head', username: 'hugh', displayName: 'Hugh Head', role: 'head' },
  admin: { staffId: 's-admin', username: 'ada', displayName: 'Ada Admin', role: 'admin' },
};

/** A paired kiosk as the hub's kiosks table holds it (pairing itself is tested elsewhere). */
export function registerKiosk(h: Hub, id: string, name: string): void {
  h.db
    .prepare('INSERT INTO kiosks (id, name, public_key, paired_at, paired_by) VALUES (?, ?, ?, ?, ?)')
    .run(id, name, 'AAAA', '2026-01-05T09:00:00.000Z', 'Ada Admin (ada)');
}

export type Arrival = {
  visitId?: string;
  fullName: string;
  at: string;
  category?: VisitorCategory;
  organisation?: string;
  agencyRole?: string;
  purpose?: string;
  hostName?: string;
  phone?: PhoneCustody;
  deviceRequestId?: string;
  localDay?: string;
  /** What they acknowledged (default: version 1, hash 'h', in English). */
  ack?: { versionId: string; version: number; textHash: string; language: string };
};

/** One kiosk's event stream: ids and its own sequence, as its outbox would push them. */
export function eventSource(kioskId: string) {
  let seq = 0;
  let badge = 0;
  const ev = (visitId: string, kind: string, at: string, body: Record<string, unknown>): SyncEvent => ({ id: uuidv7(), seq: ++seq, visitId, kioskId, kind, at, body });
  return {
    kioskId,
    /** What a sign-in writes: arrived, policy acknowledged, (device request), phone stored. */
    arrive(a: Arrival): { visitId: string; events: SyncEvent[] } {
      const visitId = a.visitId ?? uuidv7();
      const category = a.category ?? 'parent_carer';
      badge++;
      const events = [
        ev(visitId, 'arrived', a.at, {
          category,
          fullName: a.fullName,
          nameKey: nameKey(a.fullName),
          organisation: a.organisation ?? '',
          agencyRole: a.agencyRole ?? '',
          hostId: 'office',
          hostName: a.hostName ?? 'School office',
          purpose: a.purpose ?? 'Meeting',
          language: a.ack?.language ?? 'en',
          badgeCode: `B${String(badge).padStart(5, '0')}`,
          badgeNumber: badge,
          localDay: a.localDay ?? a.at.slice(0, 10),
          idCheckRequired: category === 'professional',
          needsEvacuationHelp: false,
        }),
        ev(visitId, 'policy_acknowledged', a.at, a.ack ?? { versionId: 'v1', version: 1, textHash: 'h', language: 'en' }),
      ];
      if (a.deviceRequestId) events.push(ev(visitId, 'device_use_requested', a.at, { requestId: a.deviceRequestId }));
      events.push(ev(visitId, 'phone_stored', a.at, { custody: a.phone ?? { kind: 'none' } }));
      return { visitId, events };
    },
    /** Any other event of a visit, in this kiosk's order. */
    event: ev,
    /** What a sign-out writes: the phone given back (if collected), then departed. */
    depart(visitId: string, at: string, phoneCollected = true): SyncEvent[] {
      return [...(phoneCollected ? [ev(visitId, 'phone_returned', at, { by: 'visitor' })] : []), ev(visitId, 'departed', at, { by: 'visitor' })];
    },
  };
}

export function ingest(h: Hub, events: readonly SyncEvent[], at = '2026-03-02T12:00:00.000Z'): HubVisitRow[] {
  return h.db.transaction(() => ingestEvents(h.db, events, at).visits)();
}

export const locker = (n: number): PhoneCustody => ({ kind: 'locker', lockerId: `L${n}`, lockerLabel: `Locker ${n}`, lockerKind: 'locker' });

/** The feed as kiosks would pull it, optionally one entity only. */
export function feed(h: Hub, entity?: RefEntity): RefChange[] {
  const rows = h.db.prepare('SELECT seq, entity, key, body FROM ref_changes ORDER BY seq').all() as { seq: number; entity: RefEntity; key: string; body: string | null }[];
  return rows.filter((r) => entity === undefined || r.entity === entity).map((r) => ({ ...r, body: r.body === null ? null : JSON.parse(r.body) }));
}

export type AuditRow = { seq: number; actor: string; action: string; target: string; detail: unknown };
export function auditRows(h: Hub): AuditRow[] {
  return (h.db.prepare('SELECT seq, actor, action, target, detail FROM audit_log ORDER BY seq').all() as (AuditRow & { detail: string })[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
}

export const HOSTILE = ["'; DROP TABLE visits; --", '<script>alert(1)</script>'] as const;
