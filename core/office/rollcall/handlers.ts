// Console operations for the fire roll call (see build.ts for how kiosks' marks merge in).
import { actorLabel, type OfficeHandlers } from '../context.js';
import { rollCallPdf } from '../../rollcall/pdf.js';
import { hubSite } from '../reference/site.js';
import { buildHubRollCall, currentHubRollCall, markHubRollCall, requireHubRollCall, startHubRollCall } from './build.js';

export const rollCallHandlers: OfficeHandlers<'rollCall.current' | 'rollCall.start' | 'rollCall.mark' | 'rollCall.pdf' | 'rollCall.end'> = {
  'rollCall.current': (_i, ctx) => {
    const rc = currentHubRollCall(ctx.db, ctx.now);
    return { rollCall: rc ? buildHubRollCall(ctx.db, rc, ctx.now) : null };
  },
  'rollCall.start': (_i, ctx) => {
    const { row, started } = startHubRollCall(ctx.db, actorLabel(ctx.actor), ctx.now);
    if (started) ctx.audit('rollCall.start', `rollcall:${row.id}`);
    return buildHubRollCall(ctx.db, row, ctx.now);
  },
  'rollCall.mark': ({ visitId, status }, ctx) => {
    const rc = requireHubRollCall(ctx.db, ctx.now);
    markHubRollCall(ctx.db, rc, visitId, status, actorLabel(ctx.actor), ctx.now);
    ctx.audit('rollCall.mark', `visit:${visitId}`, { rollCallId: rc.id, status });
    return buildHubRollCall(ctx.db, rc, ctx.now);
  },
  'rollCall.pdf': (_i, ctx) => {
    const rc = buildHubRollCall(ctx.db, requireHubRollCall(ctx.db, ctx.now), ctx.now);
    const pdf = rollCallPdf(rc, hubSite(ctx.db).timeZone);
    ctx.audit('rollCall.pdf', `rollcall:${rc.rollCallId}`, { people: rc.counts.total });
    return { pdf: pdf.toString('base64'), fileName: `roll-call-${rc.generatedAt.replace(/[:.]/g, '-')}.pdf` };
  },
  'rollCall.end': (_i, ctx) => {
    const rc = requireHubRollCall(ctx.db, ctx.now);
    ctx.db.prepare('UPDATE roll_calls SET ended_at = ?, ended_by = ? WHERE id = ?').run(ctx.now.toISOString(), actorLabel(ctx.actor), rc.id);
    ctx.audit('rollCall.end', `rollcall:${rc.id}`, buildHubRollCall(ctx.db, rc, ctx.now).counts);
    return { ended: true };
  },
};
