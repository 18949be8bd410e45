// Default retention periods for an English school, and why. A school changes them in the
// console (retention.save, administrators only) after its data protection officer agrees;
// the README copies this table.
//
//  Visits — 12 months after the end of the academic year (31 August) in which the visit took
//    place: a visit in October 2025 is removed on 1 September 2027. This keeps at least one
//    full year to look back on ("who was in school that day in the spring term?"), which is
//    when questions from parents, inspectors, the local authority or the police about a day's
//    visitors arise in practice, and lets the whole year's register go in one step. A visit is
//    removed with everything recorded about it: its events, the policy acknowledgement
//    (version, text hash, language, time), phone custody, exemption conditions agreed to and
//    badge print jobs. The IRMS toolkit for schools suggests "current year + 6 years, then
//    review" for visitors' books, for accident claims (Limitation Act 1980); this product's
//    record is about phones and safeguarding, not accidents, and anything that needs keeping
//    longer is a breach/concern (its own period below) or held while one is open. A school
//    that follows IRMS sets 72.
//  Policy acknowledgements — not a separate period: an acknowledgement is an event of its
//    visit (the proof that this visitor agreed to the phone rule on that day). Apart from the
//    visit it proves nothing, yet still identifies the person, so it goes with the visit. The
//    policy texts themselves name nobody and are kept.
//  Exemptions (device-use approvals and requests) — 12 months after the exemption stopped
//    applying (end of validity, revocation, refusal, or the request day if never decided), and
//    never before the last visit that used it: the visit record points at the decision.
//  Breaches / concerns — 72 months (6 years) after the DSL closed them: the limitation period
//    for most civil claims, and the evidence if an allegation or complaint is made later.
//    Anything about a child belongs in the child's safeguarding file, which the school keeps
//    under its own (longer) rules outside this product. Open ones are never removed.
//  Photos — 1 month after the visit. None are taken yet; a photo is only needed on the day,
//    for the badge, and is the most intrusive thing a kiosk could keep.
//  Audit log — kept, no period. It is the evidence of what staff and the purge did (and of
//    this very retention: "who erased what, when, why"); entries hold ids, counts and staff
//    names, never a visitor's answers, and the hash chain (core/office/audit.ts) would break
//    if entries were cut out.
import type { RetentionPeriods } from '../../shared/retention.js';

export const DEFAULT_RETENTION: Readonly<RetentionPeriods> = Object.freeze({
  visitsMonths: 12,
  exemptionsMonths: 12,
  breachesMonths: 72,
  photosMonths: 1,
});

/** The last day of the English school year: records are grouped by academic year. */
export const ACADEMIC_YEAR_END = { month: 8, day: 31 } as const;
