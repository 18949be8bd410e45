// Console operations on the regular-visitor register, its assurance records, cards and the
// acceptable-use agreement. Each write is audited in its own transaction (the dispatcher's);
// audit details name what was checked and when, never personal paperwork.
import { groupCardCode } from '../../../shared/cardCode.js';
import { ContractError } from '../../../shared/errors.js';
import { CERTIFICATE_NUMBER_MESSAGE, certificateNumberProblems } from '../../../shared/regulars.js';
import { documentPng } from '../../printing/preview.js';
import { cardPdf, cardPrintDocument } from '../../regulars/cardDocument.js';
import { actorLabel, type OfficeHandlers } from '../context.js';
import { hubSite, hubToday } from '../reference/site.js';
import { currentAgreement, publishAgreement } from './agreement.js';
import { volunteerHours, volunteerHoursCsv } from './hours.js';
import { addAssurance, expiringAssurance, getRegular, issueCard, listRegulars, revokeCard, saveRegular } from './store.js';

function refuseCertificateNumbers(input: Record<string, unknown>, fields: readonly string[]): void {
  const bad = certificateNumberProblems(input, fields);
  if (bad.length) throw new ContractError('INVALID_INPUT', CERTIFICATE_NUMBER_MESSAGE, bad);
}

type Ops = 'regulars.list' | 'regulars.save' | 'regulars.addAssurance' | 'regulars.issueCard' | 'regulars.revokeCard' | 'regulars.hoursCsv' | 'agreement.publish';

export const regularsHandlers: OfficeHandlers<Ops> = {
  'regulars.list': (_input, { db, now }) => {
    const today = hubToday(db, now);
    return { regulars: listRegulars(db, today), expiring: expiringAssurance(db, today), agreement: currentAgreement(db), today };
  },

  'regulars.save': (input, ctx) => {
    refuseCertificateNumbers(input, ['fullName', 'organisation', 'role']);
    const { regular, created } = saveRegular(ctx.db, input, actorLabel(ctx.actor), ctx.now, hubToday(ctx.db, ctx.now));
    ctx.audit(created ? 'regular.create' : 'regular.update', `regular:${regular.id}`, { category: regular.category, status: regular.status });
    return { regular };
  },

  'regulars.addAssurance': (input, ctx) => {
    refuseCertificateNumbers(input, ['checkedBy', 'note']);
    const regular = addAssurance(ctx.db, input, actorLabel(ctx.actor), ctx.now, hubToday(ctx.db, ctx.now));
    ctx.audit('regular.assurance', `regular:${regular.id}`, { kind: input.kind, checkedOn: input.checkedOn, expiresOn: input.expiresOn });
    return { regular };
  },

  'regulars.issueCard': ({ id }, ctx) => {
    const today = hubToday(ctx.db, ctx.now);
    const replaced = getRegular(ctx.db, id, today).card !== null;
    const { code, regular } = issueCard(ctx.db, id, actorLabel(ctx.actor), ctx.now, today);
    // The code is in this answer only: neither the audit nor the feed holds it.
    ctx.audit('regular.card.issue', `regular:${id}`, { hint: regular.card?.hint, replaced });
    const face = { siteName: hubSite(ctx.db).siteName, fullName: regular.fullName, organisation: regular.organisation, role: regular.role, code };
    return {
      card: {
        regularId: id,
        code,
        grouped: groupCardCode(code),
        hint: regular.card?.hint ?? '',
        pdf: cardPdf(face, ctx.now).toString('base64'),
        png: documentPng(cardPrintDocument(face)).toString('base64'),
      },
      regular,
    };
  },

  'regulars.revokeCard': ({ id }, ctx) => {
    const regular = revokeCard(ctx.db, id, ctx.now, hubToday(ctx.db, ctx.now));
    ctx.audit('regular.card.revoke', `regular:${id}`, {});
    return { regular };
  },

  'regulars.hoursCsv': ({ fromMonth, toMonth, volunteersOnly }, ctx) => {
    if (toMonth < fromMonth) throw new ContractError('INVALID_INPUT', 'The last month is before the first.', [{ path: 'toMonth', message: 'beforeStart' }]);
    const rows = volunteerHours(ctx.db, fromMonth, toMonth, volunteersOnly ? ['volunteer'] : null);
    ctx.audit('regulars.hours.export', 'regulars', { fromMonth, toMonth, rows: rows.length });
    return { csv: volunteerHoursCsv(rows), fileName: `volunteer-hours-${fromMonth}-to-${toMonth}.csv`, rows: rows.length };
  },

  'agreement.publish': ({ texts, renewalDay }, ctx) => {
    const r = publishAgreement(ctx.db, texts, renewalDay, actorLabel(ctx.actor), ctx.now);
    if (r.created || r.added.length || r.renewalChanged)
      ctx.audit('agreement.publish', `agreement:${r.agreement.versionId}`, { version: r.agreement.version, newVersion: r.created, languages: r.added, renewalDay: r.agreement.renewalDay });
    return r.agreement;
  },
};
