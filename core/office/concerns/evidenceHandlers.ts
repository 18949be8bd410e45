// The DSL's evidence view and the governors' review pack. Every read is audited as reading the
// visitor record is (core/office/visits/readAudit.ts): the scope and days, whether a name was
// searched (never the name: the audit log outlives retention) and how many visits were shown.
import { EVIDENCE_PAGE_MAX, type Evidence, type EvidenceQuery } from '../../../shared/concerns.js';
import type { OfficeCtx, OfficeHandlers } from '../context.js';
import { hubSite } from '../reference/site.js';
import { evidence } from './evidence.js';
import { evidenceCsv, evidencePdf } from './evidenceExport.js';
import { reviewPack, reviewPackPdf } from './reviewPack.js';

/** Files hold more than a screen, within reason: a PDF of thousands of visits helps nobody. */
const CSV_MAX = 50_000;
const PDF_MAX = 2_000;

function read(q: EvidenceQuery, ctx: OfficeCtx, limit: number, action: string): Evidence {
  const e = evidence(ctx.db, q, ctx.now, limit);
  ctx.audit(action, 'visits', { scope: q.scope, from: e.from, to: e.to, devicesOnly: q.devicesOnly, nameSearched: q.scope === 'person', rows: e.rows.length });
  return e;
}

const fileName = (e: Evidence, ext: string) => `device-evidence-${e.query.scope}-${e.from === '0000-01-01' ? 'all' : e.from}-to-${e.to}.${ext}`;

export const evidenceHandlers: OfficeHandlers<'evidence.view' | 'evidence.csv' | 'evidence.pdf' | 'evidence.reviewPack'> = {
  'evidence.view': (input, ctx) => read(input, ctx, EVIDENCE_PAGE_MAX, 'evidence.view'),
  'evidence.csv': (input, ctx) => {
    const e = read(input, ctx, CSV_MAX, 'evidence.csv');
    return { csv: evidenceCsv(e), fileName: fileName(e, 'csv') };
  },
  'evidence.pdf': (input, ctx) => {
    const e = read(input, ctx, PDF_MAX, 'evidence.pdf');
    const site = hubSite(ctx.db);
    return { pdf: evidencePdf(e, site.siteName, site.timeZone).toString('base64'), fileName: fileName(e, 'pdf') };
  },
  'evidence.reviewPack': (input, ctx) => {
    const pack = reviewPack(ctx.db, input.from, input.to, ctx.now);
    ctx.audit('evidence.reviewPack', 'visits', { from: input.from, to: input.to });
    return { pack, pdf: reviewPackPdf(pack, hubSite(ctx.db).timeZone).toString('base64'), fileName: `annual-review-pack-${input.from}-to-${input.to}.pdf` };
  },
};
