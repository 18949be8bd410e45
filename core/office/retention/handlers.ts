// Console ops for retention: read and change the periods (administrators), and run the purge
// now rather than at night (administrators). Changes are audited; the purge audits itself.
import type { RetentionView } from '../../../shared/retention.js';
import type { Db } from '../../db/open.js';
import { DEFAULT_RETENTION } from '../../retention/defaults.js';
import type { OfficeHandlers } from '../context.js';
import { currentHolds } from './holds.js';
import { purgeHub } from './purge.js';
import { hubRetention, lastPurge, saveHubRetention } from './settings.js';

function view(db: Db): RetentionView {
  return { periods: hubRetention(db), defaults: { ...DEFAULT_RETENTION }, auditLog: 'kept', heldVisits: currentHolds(db).visitIds.size, lastPurge: lastPurge(db) };
}

export const retentionHandlers: OfficeHandlers<'retention.get' | 'retention.save' | 'retention.runNow'> = {
  'retention.get': (_input, ctx) => view(ctx.db),

  'retention.save': (input, ctx) => {
    const before = hubRetention(ctx.db);
    saveHubRetention(ctx.db, input.periods, ctx.now);
    ctx.audit('retention.save', 'retention', { before, after: input.periods });
    return view(ctx.db);
  },

  'retention.runNow': (_input, ctx) => purgeHub(ctx.db, ctx.now, { trigger: 'manual', audit: (a, t, d) => ctx.audit(a, t, d) }),
};
