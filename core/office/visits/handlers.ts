// Console reads of the visits every kiosk pushed: who is here, where their phones are, history.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';
import { readFilter } from './readAudit.js';
import { hubToday } from '../reference/site.js';
import { custodyBoard, hubOnSite, receptionHeld, searchCursor, searchVisits } from './queries.js';

export const visitsHandlers: OfficeHandlers<'onSite.list' | 'custody.board' | 'visits.search'> = {
  'onSite.list': (_input, ctx) => ({ visits: hubOnSite(ctx.db), at: ctx.now.toISOString() }),

  'custody.board': (_input, ctx) => ({
    lockers: custodyBoard(ctx.db, hubToday(ctx.db, ctx.now)),
    withReception: receptionHeld(ctx.db),
    at: ctx.now.toISOString(),
  }),

  'visits.search': (input, ctx) => {
    const cursor = input.before === undefined ? null : searchCursor(ctx.db, input.before);
    if (input.before !== undefined && !cursor)
      throw new ContractError('INVALID_INPUT', 'The page to continue from is no longer there. Search again from the start.', [{ path: 'before', message: 'invalid' }]);
    const found = searchVisits(ctx.db, input, cursor);
    // Reading the visitor record is audited: who searched, for which days, how much they saw.
    // Not the name typed: the audit log is never purged, and names must be.
    ctx.audit('visits.search', 'visits', readFilter(input, found.visits.length));
    return found;
  },
};
