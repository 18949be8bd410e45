// Roll-call PDFs kept in <data>/roll-calls/ (record.ts) follow the visits they list: a PDF
// goes when the visits of its day have expired (the visits period, as the purge; a day with a
// visit the office holds keeps its PDFs), and at once when a visit on site at the time it was
// made is erased (a roll call lists everyone on site then, so the whole file goes). An erasure
// is applied by the pull, which knows no data folder: it notes when the visit was on site
// (times only) and the sweep, run by the purge and by the kiosk's services, deletes the files.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { visitsExpireOnOrBefore } from '../retention/cutoffs.js';
import { kioskRetention } from '../retention/purge.js';
import { localDay, readSettings } from '../site/settings.js';

export const ROLL_CALL_DIR = 'roll-calls';
const FILE = /^roll-call-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.pdf$/;
const DAY_MS = 86_400_000;

/** In the erasure's transaction, before the visit is deleted. */
export function noteErasedForRollCalls(db: Db, visitId: string): void {
  const v = stmt(db, 'SELECT arrived_at, departed_at FROM visits WHERE id = ?').get(visitId) as { arrived_at: string; departed_at: string | null } | undefined;
  if (!v) return;
  // Not signed out: a day on from arrival covers any roll call that could have listed them.
  const to = v.departed_at ?? new Date(Date.parse(v.arrived_at) + DAY_MS).toISOString();
  stmt(db, 'INSERT INTO rollcall_pdf_erasures (visit_id, from_at, to_at) VALUES (?, ?, ?) ON CONFLICT (visit_id) DO NOTHING').run(visitId, v.arrived_at, to);
}

export function pendingRollCallErasures(db: Db): number {
  return stmt(db, 'SELECT COUNT(*) FROM rollcall_pdf_erasures').pluck().get() as number;
}

/** Delete the PDFs whose time is over or whose people were erased; returns how many of each. */
export function sweepRollCallPdfs(db: Db, dataDir: string, now: Date): { expired: number; erased: number } {
  const out = { expired: 0, erased: 0 };
  const dir = path.join(dataDir, ROLL_CALL_DIR);
  const windows = stmt(db, 'SELECT from_at, to_at FROM rollcall_pdf_erasures').all() as { from_at: string; to_at: string }[];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { timeZone } = readSettings(db);
  const lastDay = visitsExpireOnOrBefore(localDay(now, timeZone), kioskRetention(db).visitsMonths);
  const heldDays = new Set(stmt(db, 'SELECT DISTINCT v.local_day FROM visits v JOIN retention_holds h ON h.visit_id = v.id').pluck().all() as string[]);
  for (const name of names) {
    const m = FILE.exec(name);
    if (!m) continue; // not ours: left alone
    const at = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
    const day = localDay(new Date(at), timeZone);
    const erased = windows.some((w) => at >= w.from_at && at <= w.to_at);
    const expired = day <= lastDay && !heldDays.has(day);
    if (!erased && !expired) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    if (erased) out.erased++;
    else out.expired++;
  }
  // Done with them (the files they matched are gone; later roll calls cannot list an erased visit).
  if (windows.length) db.transaction(() => stmt(db, 'DELETE FROM rollcall_pdf_erasures').run()).immediate();
  return out;
}
