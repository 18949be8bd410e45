// Fire roll call on the kiosk database of the main benchmark (1,000,000 events, 300 on site):
// time to the first screen (the roll call built: who is on site, phone status, marks) and to
// the PDF, each as a ratio to the bare on-site query (ON_SITE_SQL, prepared, all rows) measured
// interleaved in the same run. There is no fixed target in the issue: the figures say what the
// roll call costs on top of reading who is there.
import type { Kiosk } from '../../core/kiosk.js';
import { buildRollCall, startRollCall } from '../../core/rollcall/kiosk.js';
import { rollCallPdf } from '../../core/rollcall/pdf.js';
import { readSettings } from '../../core/site/settings.js';
import { ON_SITE_SQL } from '../../core/visits/queries.js';
import { fmtMs, fmtRatio, summarise, table, timeMs, type Stats } from './stats.js';

export type RollCallBenchResult = {
  what: { firstScreen: string; pdf: string; baseline: string };
  rows: number;
  n: number;
  baseline: Stats;
  firstScreen: Stats;
  pdf: Stats;
  ratio: { firstScreenP50: number; pdfP50: number };
  pdfBytes: number;
};

export function benchRollCall(k: Kiosk, opts: { samples: number; expectRows: number; say: (s?: string) => void }): RollCallBenchResult {
  const { db } = k;
  const rc = startRollCall(db, 'Bench warden', new Date());
  const tz = readSettings(db).timeZone;
  const bare = db.prepare(ON_SITE_SQL);
  let rows = 0;
  let pdfBytes = 0;
  const baselineRun = () => {
    rows = bare.all().length;
  };
  const firstScreen = () => {
    const r = buildRollCall(db, rc.id, new Date());
    if (r.entries.length !== opts.expectRows) throw new Error(`roll call lists ${r.entries.length}, expected ${opts.expectRows}`);
  };
  const pdf = () => {
    pdfBytes = rollCallPdf(buildRollCall(db, rc.id, new Date()), tz).length;
  };
  for (let i = 0; i < 3; i++) (baselineRun(), firstScreen(), pdf());
  const b: number[] = [];
  const f: number[] = [];
  const p: number[] = [];
  const pdfSamples = Math.max(5, Math.min(opts.samples, 30)); // a PDF takes ~100 ms: fewer samples
  for (let i = 0; i < opts.samples; i++) {
    b.push(timeMs(baselineRun));
    f.push(timeMs(firstScreen));
    if (i < pdfSamples) p.push(timeMs(pdf));
  }
  const bs = summarise(b);
  const fs_ = summarise(f);
  const ps = summarise(p);
  opts.say(
    table([
      ['measure', 'n', 'p50 ms', 'p99 ms', 'p50 ratio'],
      [`bare on-site query (${rows} rows)`, String(bs.n), fmtMs(bs.p50), fmtMs(bs.p99), ''],
      ['roll call: first screen (built from the kiosk db)', String(fs_.n), fmtMs(fs_.p50), fmtMs(fs_.p99), fmtRatio(fs_.p50 / bs.p50)],
      [`roll call: PDF (${(pdfBytes / 1024).toFixed(0)} KiB)`, String(ps.n), fmtMs(ps.p50), fmtMs(ps.p99), fmtRatio(ps.p50 / bs.p50)],
    ]),
  );
  db.prepare('UPDATE roll_calls SET ended_at = ?, ended_by = ? WHERE id = ?').run(new Date().toISOString(), 'bench', rc.id);
  return {
    what: {
      firstScreen: 'buildRollCall(): everyone on site with phone status and marks, sorted (what the roll-call screen shows first)',
      pdf: 'buildRollCall() + rollCallPdf(): the A4 PDF bytes',
      baseline: 'the bare on-site query (ON_SITE_SQL, prepared statement, all rows)',
    },
    rows,
    n: opts.samples,
    baseline: bs,
    firstScreen: fs_,
    pdf: ps,
    ratio: { firstScreenP50: fs_.p50 / bs.p50, pdfP50: ps.p50 / bs.p50 },
    pdfBytes,
  };
}
