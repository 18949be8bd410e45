// Console ops for subject access requests: find a person's records, export them (JSON and
// PDF), rectify their name or organisation, erase them. Staff confirm which records are the
// person (search → choose) before anything else; each op is audited with ids and counts only
// (and the staff member's reason for a change), never the person's details.
import type { OfficeHandlers } from '../context.js';
import { hubSite } from '../reference/site.js';
import { loadConfirmed, subjectDocument } from './document.js';
import { erase } from './erase.js';
import { subjectPdf } from './pdf.js';
import { rectify } from './rectify.js';
import { searchSubject } from './search.js';

const TARGET = 'subjectAccess';

const ids = (i: { visitIds: string[]; exemptionIds: string[]; breachIds?: string[]; regularIds?: string[]; expectedIds?: string[]; restrictedIds?: string[]; notificationIds?: string[] }) => ({
  visitIds: i.visitIds,
  exemptionIds: i.exemptionIds,
  breachIds: i.breachIds ?? [],
  regularIds: i.regularIds ?? [],
  expectedIds: i.expectedIds ?? [],
  restrictedIds: i.restrictedIds ?? [],
  notificationIds: i.notificationIds ?? [],
});

export const subjectAccessHandlers: OfficeHandlers<'subjectAccess.search' | 'subjectAccess.export' | 'subjectAccess.rectify' | 'subjectAccess.erase'> = {
  'subjectAccess.search': (input, ctx) => {
    const found = searchSubject(ctx.db, input, ctx.actor.role);
    // Looking someone up is a read of their data: audited, by what was found, not the name typed.
    const count = (k: 'visits' | 'exemptions' | 'breaches' | 'regulars' | 'expected' | 'restricted' | 'notifications') => found.people.reduce((n, p) => n + p[k].length, 0);
    ctx.audit('subjectAccess.search', TARGET, {
      from: input.from ?? null,
      to: input.to ?? null,
      byEmail: input.email !== undefined,
      people: found.people.length,
      visits: count('visits'),
      exemptions: count('exemptions'),
      breaches: count('breaches'),
      regulars: count('regulars'),
      expected: count('expected'),
      restricted: count('restricted'),
      notifications: count('notifications'),
    });
    return found;
  },

  'subjectAccess.export': (input, ctx) => {
    const records = loadConfirmed(ctx.db, input, ctx.actor.role);
    const document = subjectDocument(ctx.db, records, ctx.now, input.withhold);
    const pdf = subjectPdf(document, hubSite(ctx.db).timeZone);
    // A withheld section's reason is the school's record of the exemption it relied on.
    ctx.audit('subjectAccess.export', TARGET, { ...ids(input), withheld: input.withhold });
    return { document, pdfBase64: pdf.toString('base64'), fileName: `subject-access-${ctx.now.toISOString().slice(0, 10)}.pdf` };
  },

  'subjectAccess.rectify': (input, ctx) => {
    const records = loadConfirmed(ctx.db, input, ctx.actor.role);
    const done = rectify(ctx.db, records, { fullName: input.fullName, organisation: input.organisation }, ctx.now);
    const fields = [input.fullName !== undefined ? 'fullName' : null, input.organisation !== undefined ? 'organisation' : null].filter(Boolean);
    const { restrictedIds: _r, notificationIds: _n, ...chosen } = ids(input);
    ctx.audit('subjectAccess.rectify', TARGET, { ...chosen, fields, counts: done, reason: input.reason });
    return done;
  },

  'subjectAccess.erase': (input, ctx) => {
    const records = loadConfirmed(ctx.db, input, ctx.actor.role);
    const done = erase(ctx.db, records, ctx.now, input);
    const { breachIds: _b, restrictedIds: _r, ...chosen } = ids(input);
    ctx.audit('subjectAccess.erase', TARGET, { ...chosen, counts: done, reason: input.reason });
    return { visits: done.visits, exemptions: done.exemptions, regulars: done.regulars, expected: done.expected, notifications: done.notifications };
  },
};
