// The visits CSV export streams: a year of visits is read through its own read-only connection,
// outside any write transaction, a piece at a time, so kiosks' pushes (writes on the hub's
// connection) go on while it downloads. An export is for a range of at most 366 days, and says
// so plainly when asked for more. Real HTTP server, real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PATHS, type Role } from '../../shared/office.js';
import { CSV_MAX_DAYS } from '../../core/office/visits/csv.js';
import { openCsvExport } from '../../core/office/visits/csvExport.js';
import { EXPORT_READER, schoolSchema } from '../../core/office/store/open.js';
import { browsersByRole, setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { SESSION_COOKIE } from '../../shared/office.js';

let t: TestHub;
let as: Record<Role, OfficeBrowser>;
const VISITS = 20_000;

beforeAll(async () => {
  t = await startTestHub();
  as = await browsersByRole(t, await setUpHub(t));
  // 500 rows a statement: a year's worth in a few seconds on either engine.
  const PER = 500;
  const insert = t.hub.db.prepare(
    `INSERT INTO visits (id, kiosk_id, last_kiosk_seq, badge_number, badge_code, local_day, category, full_name, name_key, organisation, agency_role, host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at)
     VALUES ${Array(PER).fill("(?, 'k1', 1, ?, ?, ?, 'visitor', ?, ?, '', '', 'h1', 'Office', 'Meeting', 'en', 0, 0, ?)").join(', ')}`,
  );
  t.hub.db.transaction(() => {
    for (let start = 0; start < VISITS; start += PER) {
      const values: unknown[] = [];
      for (let i = start; i < start + PER; i++) {
        const day = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
        values.push(`v${String(i).padStart(6, '0')}`, i, `B${i}`, day, `=Visitor ${i}`, `visitor ${i}`, `${day}T09:00:00.000Z`);
      }
      insert.run(values);
    }
  })();
});
afterAll(async () => {
  await t.close();
});

const url = (q: string) => `${t.url}${OFFICE_PATHS.visitsCsv}?${q}`;

/** 1 while an export's reader is still open: on SQLite, some of the WAL cannot be copied back
 *  into the file because the reader still needs the old pages; on PostgreSQL, its connection is
 *  still there. */
const checkpoint = () => {
  if (t.hub.engine === 'postgres') {
    const open = t.hub.db.prepare('SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?').pluck().get(`${EXPORT_READER} ${schoolSchema((t.hub.store as { school: string }).school)}`) as number;
    return open > 0 ? 1 : 0;
  }
  const r = (t.hub.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]!;
  return r.checkpointed < r.log ? 1 : 0;
};

describe('the export stream itself', () => {
  it('reads its snapshot a piece at a time, as the taker asks, and closes its reader at the end', async () => {
    const out = openCsvExport(t.hub.openSnapshot, { from: '2026-01-01', to: '2026-12-31' });
    expect(out.rows).toBe(VISITS);
    const pieces = out.stream[Symbol.asyncIterator]();
    const header = await pieces.next();
    expect(String(header.value)).toMatch(/^\ufeff"Arrived"/);
    await pieces.next();
    // Half way: a write on the hub's connection goes through, and the export's reader still
    // holds its snapshot (a file built whole before sending would have no reader open now), so
    // the WAL cannot be checkpointed past it.
    t.hub.db.transaction(() => t.hub.db.prepare("UPDATE visits SET purpose = 'Changed meanwhile' WHERE id = 'v000000'").run()).immediate();
    expect(checkpoint()).toBe(1);
    let text = '';
    for (let r = await pieces.next(); !r.done; r = await pieces.next()) text += String(r.value);
    expect(text.split('\r\n').filter(Boolean).length).toBeGreaterThan(VISITS - 400);
    expect(text).not.toContain('Changed meanwhile');
    expect(checkpoint()).toBe(0);
    t.hub.db.prepare("UPDATE visits SET purpose = 'Meeting' WHERE id = 'v000000'").run();
  });
});

describe('the visits CSV export', () => {
  it('needs a From and a To date, in order, at most 366 days apart, and says so by field', async () => {
    const none = await as.office.get(OFFICE_PATHS.visitsCsv);
    expect(none.status).toBe(400);
    expect(none.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/From and a To date/), fields: [{ path: 'from', message: 'required' }, { path: 'to', message: 'required' }] } });
    const backwards = await as.office.get(`${OFFICE_PATHS.visitsCsv}?from=2026-02-01&to=2026-01-01`);
    expect(backwards.json).toMatchObject({ ok: false, error: { fields: [{ path: 'to', message: 'beforeStart' }] } });
    expect(CSV_MAX_DAYS).toBe(366);
    const tooLong = await as.office.get(`${OFFICE_PATHS.visitsCsv}?from=2024-01-01&to=2025-01-01`); // 367 days
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 366 days/), fields: [{ path: 'to', message: 'tooLong', max: 366 }] } });
    expect((await as.office.get(`${OFFICE_PATHS.visitsCsv}?from=2024-01-01&to=2024-12-31`)).status).toBe(200); // a leap year: 366 days
  });

  it('streams: while it downloads, the hub writes as kiosks’ pushes do, and the file is the snapshot it audited', async () => {
    const auditsBefore = t.hub.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'visits.export'").pluck().get() as number;
    const res = await fetch(url('from=2026-01-01&to=2026-12-31'), { headers: { cookie: `${SESSION_COOKIE}=${as.office.cookie}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);

    // Mid-download: a write transaction on the hub's own connection (as a push makes) goes
    // through at once: no export holds a write lock or keeps that connection busy.
    const started = Date.now();
    t.hub.db
      .transaction(() => {
        t.hub.db.prepare(
          `INSERT INTO visits (id, kiosk_id, last_kiosk_seq, badge_number, badge_code, local_day, category, full_name, name_key, organisation, agency_role, host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at)
           VALUES ('pushed-meanwhile', 'k1', 1, 1, 'B1', '2026-06-01', 'visitor', 'Pushed Meanwhile', 'pushed meanwhile', '', '', 'h1', 'Office', 'Meeting', 'en', 0, 0, '2026-06-01T10:00:00.000Z')`,
        ).run();
      })
      .immediate();
    expect(Date.now() - started).toBeLessThan(1000);

    const parts: Uint8Array[] = [first.value!];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    await new Promise((r) => setTimeout(r, 50));
    expect(checkpoint()).toBe(0); // finished: its reader is closed
    const text = new TextDecoder().decode(Buffer.concat(parts));
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(VISITS + 1); // the header and the snapshot's rows, not the one written meanwhile
    expect(text).not.toContain('Pushed Meanwhile');
    expect(lines[1]).toContain(`"'=Visitor 0"`); // formula-safe, as before
    const entry = t.hub.db.prepare("SELECT detail FROM audit_log WHERE action = 'visits.export' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ from: '2026-01-01', to: '2026-12-31', rows: VISITS });
    expect(t.hub.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'visits.export'").pluck().get()).toBe(auditsBefore + 1);
  });

  it('a download abandoned half way leaves the hub working (its reader is closed)', async () => {
    const ctl = new AbortController();
    const res = await fetch(url('from=2026-01-01&to=2026-12-31'), { headers: { cookie: `${SESSION_COOKIE}=${as.office.cookie}` }, signal: ctl.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ctl.abort();
    await new Promise((r) => setTimeout(r, 100));
    expect(checkpoint()).toBe(0); // its reader was closed
    expect((await as.office.op('onSite.list', {})).status).toBe(200);
    t.hub.db.transaction(() => t.hub.db.prepare("DELETE FROM visits WHERE id = 'pushed-meanwhile'").run()).immediate();
    const res2 = await as.office.get(`${OFFICE_PATHS.visitsCsv}?from=2026-01-01&to=2026-01-01`);
    expect(res2.status).toBe(200);
  });
});
