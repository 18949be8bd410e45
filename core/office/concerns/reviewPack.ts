// The governors' annual review pack: for a period (usually the last school year), the policy
// versions in force, acknowledgements by language, concerns by policy point and severity,
// referrals by agency, device approvals granted and revoked, and phones never collected; with
// the policy's review date. Figures only, and names only where governors need them (approvals,
// phones left behind), never a concern's details.
import { POLICY_POINTS, REFERRAL_AGENCY_LABELS, SEVERITIES, type PolicyPointKey, type ReferralAgency, type ReviewPack, type Severity } from '../../../shared/concerns.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { renderPdf } from '../../reports/pdf.js';
import { localDay } from '../../site/settings.js';
import { hubSite, hubToday } from '../reference/site.js';
import { custodyText } from './evidence.js';
import { para, row, section, title, when } from '../../reports/pdfBlocks.js';
import { reviewDue } from './reviewDue.js';


const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString();

export function reviewPack(db: Db, from: string, to: string, now: Date): ReviewPack {
  const site = hubSite(db);
  const inRange = (iso: string | null) => iso !== null && ((d) => d >= from && d <= to)(localDay(new Date(iso), site.timeZone));
  // Wide enough for any time zone; the exact school day is checked after.
  const lo = shift(from, -1);
  const hi = shift(to, 2);

  const versions = stmt(db, 'SELECT id, version, published_at FROM policy_versions ORDER BY version').all() as { id: string; version: number; published_at: string }[];
  const texts = stmt(db, 'SELECT version_id, language, text_hash FROM policy_texts ORDER BY language').all() as { version_id: string; language: string; text_hash: string }[];
  const policyVersions = versions
    .filter((v, i) => {
      const start = localDay(new Date(v.published_at), site.timeZone);
      const next = versions[i + 1];
      const end = next ? localDay(new Date(next.published_at), site.timeZone) : null;
      return start <= to && (end === null || end >= from);
    })
    .map((v) => {
      const own = texts.filter((t) => t.version_id === v.id);
      const en = own.find((t) => t.language === 'en') ?? own[0];
      return { version: v.version, publishedAt: v.published_at, languages: own.map((t) => t.language), hashPrefix: en ? en.text_hash.slice(0, 12) : '' };
    });

  const acknowledgementsByLanguage = stmt(
    db,
    `SELECT language, COUNT(*) AS count FROM visits
     WHERE arrived_at >= ? AND arrived_at < ? AND local_day >= ? AND local_day <= ? AND acknowledged_at IS NOT NULL
     GROUP BY language ORDER BY language`,
  ).all(lo, hi, from, to) as { language: string; count: number }[];

  const concernRows = (stmt(db, 'SELECT policy_point, severity, logged_at FROM breaches WHERE logged_at >= ? AND logged_at < ?').all(lo, hi) as {
    policy_point: PolicyPointKey;
    severity: Severity;
    logged_at: string;
  }[]).filter((c) => inRange(c.logged_at));
  const concerns: ReviewPack['concerns'] = [];
  for (const p of POLICY_POINTS)
    for (const severity of SEVERITIES) {
      const count = concernRows.filter((c) => c.policy_point === p.key && c.severity === severity).length;
      if (count > 0) concerns.push({ policyPoint: p.key, severity, count });
    }

  const referralRows = (stmt(db, 'SELECT agency, referred_at FROM concern_referrals WHERE referred_at >= ? AND referred_at < ?').all(lo, hi) as { agency: ReferralAgency; referred_at: string }[]).filter((r) =>
    inRange(r.referred_at),
  );
  const referrals = (['police', 'lado', 'county_safeguarding', 'parents'] as const)
    .map((agency) => ({ agency, count: referralRows.filter((r) => r.agency === agency).length }))
    .filter((r) => r.count > 0);

  const granted = stmt(
    db,
    "SELECT id, full_name, decided_by, decided_at FROM exemptions WHERE status IN ('approved', 'revoked') AND decided_at >= ? AND decided_at < ? ORDER BY decided_at, id",
  ).all(lo, hi) as { id: string; full_name: string; decided_by: string; decided_at: string }[];
  const revoked = stmt(
    db,
    "SELECT id, full_name, revoked_by, revoked_at, revoke_reason FROM exemptions WHERE status = 'revoked' AND revoked_at >= ? AND revoked_at < ? ORDER BY revoked_at, id",
  ).all(lo, hi) as { id: string; full_name: string; revoked_by: string; revoked_at: string; revoke_reason: string | null }[];

  // A phone still held whose owner has gone (or whose day is over): through the partial index.
  const today = hubToday(db, now);
  const notCollected = stmt(
    db,
    `SELECT id, full_name, local_day, phone_custody FROM visits
     WHERE phone_in_at IS NOT NULL AND phone_out_at IS NULL AND arrived_at >= ? AND arrived_at < ? AND local_day >= ? AND local_day <= ?
       AND (departed_at IS NOT NULL OR local_day < ?)
     ORDER BY arrived_at, id`,
  ).all(lo, hi, from, to, today) as { id: string; full_name: string; local_day: string; phone_custody: string | null }[];

  return {
    site: site.siteName,
    from,
    to,
    generatedAt: now.toISOString(),
    policyVersions,
    acknowledgementsByLanguage,
    concerns,
    referrals,
    approvalsGranted: granted.filter((g) => inRange(g.decided_at)).map((g) => ({ exemptionId: g.id, fullName: g.full_name, approvedBy: g.decided_by, approvedAt: g.decided_at })),
    approvalsRevoked: revoked
      .filter((r) => inRange(r.revoked_at))
      .map((r) => ({ exemptionId: r.id, fullName: r.full_name, revokedBy: r.revoked_by, revokedAt: r.revoked_at, reason: r.revoke_reason ?? '' })),
    phonesNotCollected: notCollected.map((v) => ({ visitId: v.id, fullName: v.full_name, day: v.local_day, custody: custodyText(v.phone_custody) })),
    review: reviewDue(db, now),
  };
}

const pointLabel = (k: PolicyPointKey) => {
  const p = POLICY_POINTS.find((x) => x.key === k)!;
  return p.section ? `${p.label} (section ${p.section})` : p.label;
};

export function reviewPackPdf(p: ReviewPack, timeZone: string): Buffer {
  const t = `Annual review pack – ${p.site}`;
  return renderPdf({ title: t, at: new Date(p.generatedAt) }, (pdf, fonts) => {
    title(pdf, fonts, t, `Phone and smart technology policy, ${p.from} to ${p.to}. Produced ${when(p.generatedAt, timeZone)}. Figures only: concern details stay with the DSL.`);

    section(pdf, fonts, 'Policy versions in force');
    if (p.policyVersions.length === 0) para(pdf, fonts, 'None published.');
    for (const v of p.policyVersions) row(pdf, fonts, `Version ${v.version}`, `published ${when(v.publishedAt, timeZone)}; languages ${v.languages.join(', ')}; text hash ${v.hashPrefix}`);
    const r = p.review;
    row(pdf, fonts, 'Next review due', r.due === null ? 'No policy published' : `${r.due}${r.basis === 'broughtForward' ? ' (brought forward after a concern)' : ' (a year after publication)'}${r.state === 'overdue' ? ' – OVERDUE' : ''}`);

    section(pdf, fonts, 'Acknowledgements by language');
    if (p.acknowledgementsByLanguage.length === 0) para(pdf, fonts, 'None.');
    for (const a of p.acknowledgementsByLanguage) row(pdf, fonts, a.language, String(a.count));
    row(pdf, fonts, 'Total', String(p.acknowledgementsByLanguage.reduce((s, a) => s + a.count, 0)));

    section(pdf, fonts, 'Concerns by policy point and severity');
    if (p.concerns.length === 0) para(pdf, fonts, 'None.');
    for (const c of p.concerns) row(pdf, fonts, `${c.severity}`, `${c.count} × ${pointLabel(c.policyPoint)}`);
    for (const x of p.referrals) row(pdf, fonts, 'Referred', `${x.count} × ${REFERRAL_AGENCY_LABELS[x.agency]}`);

    section(pdf, fonts, 'Device-use approvals');
    row(pdf, fonts, 'Granted', String(p.approvalsGranted.length));
    for (const g of p.approvalsGranted) row(pdf, fonts, '', `${g.fullName}, approved by ${g.approvedBy} ${when(g.approvedAt, timeZone)}`);
    row(pdf, fonts, 'Revoked', String(p.approvalsRevoked.length));
    for (const g of p.approvalsRevoked) row(pdf, fonts, '', `${g.fullName}, revoked by ${g.revokedBy} ${when(g.revokedAt, timeZone)}: ${g.reason}`);

    section(pdf, fonts, 'Phones not collected');
    if (p.phonesNotCollected.length === 0) para(pdf, fonts, 'None.');
    for (const v of p.phonesNotCollected) row(pdf, fonts, v.day, `${v.fullName}: ${v.custody}`);
  });
}
