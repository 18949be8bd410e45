// Plain words for what the hub returns: phone status, time on site, dates, field problems.
// Pure functions (no DOM, no React), unit-tested in tests/unit/console-format.test.ts.
import type { FieldProblem } from '../../../shared/errors.js';
import type { Language, VisitorCategory } from '../../../shared/domain.js';
import type { ExemptionStatus, HubVisit, KioskInfo } from '../../../shared/office.js';

export const CATEGORY_LABELS: Record<VisitorCategory, string> = {
  parent_carer: 'Parent or carer',
  volunteer: 'Volunteer',
  contractor: 'Contractor',
  visitor: 'Visitor',
  professional: 'Visiting professional',
};

/** Each language by its English name and its own name (staff may not read the script). */
export const LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  pl: 'Polish (polski)',
  ro: 'Romanian (română)',
  uk: 'Ukrainian (українська)',
  pt: 'Portuguese (português)',
  pa: 'Panjabi (ਪੰਜਾਬੀ)',
  ur: 'Urdu (اردو)',
  bn: 'Bengali (বাংলা)',
  ar: 'Arabic (العربية)',
};

export const EXEMPTION_STATUS_LABELS: Record<ExemptionStatus, string> = {
  requested: 'Waiting for a decision',
  approved: 'Approved',
  refused: 'Refused',
  revoked: 'Revoked',
};

export const WEEKDAYS: { n: number; short: string; long: string }[] = [
  { n: 1, short: 'Mon', long: 'Monday' },
  { n: 2, short: 'Tue', long: 'Tuesday' },
  { n: 3, short: 'Wed', long: 'Wednesday' },
  { n: 4, short: 'Thu', long: 'Thursday' },
  { n: 5, short: 'Fri', long: 'Friday' },
  { n: 6, short: 'Sat', long: 'Saturday' },
  { n: 7, short: 'Sun', long: 'Sunday' },
];

export type Tone = 'ok' | 'info' | 'warn' | 'danger';

/** A locker's label as staff say it: "12" → "Locker 12", "Locker 12" stays, "Pouch B" stays. */
export function lockerName(label: string, kind: 'locker' | 'pouch'): string {
  const word = kind === 'pouch' ? 'Pouch' : 'Locker';
  return new RegExp(`^${word}\\b`, 'i').test(label.trim()) ? label.trim() : `${word} ${label.trim()}`;
}

/** Where a visitor's phone is, in the words on the badge. A revoked exemption is loud. */
export function phoneStatus(v: Pick<HubVisit, 'phone' | 'exemptionRevoked'>): { text: string; tone: Tone } {
  if (v.exemptionRevoked) return { text: 'Device approval REVOKED — phone must be locked away', tone: 'danger' };
  const p = v.phone;
  if (!p) return { text: 'Not recorded', tone: 'warn' };
  switch (p.kind) {
    case 'locker':
      return { text: lockerName(p.lockerLabel, p.lockerKind), tone: 'ok' };
    case 'reception':
      return { text: 'With reception', tone: 'ok' };
    case 'none':
      return { text: 'No phone', tone: 'ok' };
    case 'exemption':
      return { text: 'Device use approved (exemption)', tone: 'info' };
    case 'exemption_pending':
      return { text: 'Approval pending', tone: 'warn' };
  }
}

/** "3 h 05 min", "12 min", "under a minute". */
export function duration(fromIso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - new Date(fromIso).getTime());
  const mins = Math.floor(ms / 60_000);
  if (mins < 1) return 'under a minute';
  if (mins < 60) return `${mins} min`;
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  if (h < 48) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} days`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 14:05 (local time). */
export function time(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 3 Mar 2026 (local date). Accepts an ISO date or date-time. */
export function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** 3 Mar 2026, 14:05 — or "Today, 14:05". */
export function dateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return isoDay(d) === isoDay(now) ? `Today, ${time(iso)}` : `${date(iso)}, ${time(iso)}`;
}

/** The local calendar day as YYYY-MM-DD (for date inputs). */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "Every Tue and Thu" / "Once". */
export function recurrenceText(r: { kind: 'single' } | { kind: 'weekly'; weekdays: number[] }): string {
  if (r.kind === 'single') return 'Single visit period';
  const names = [...r.weekdays].sort((a, b) => a - b).map((n) => WEEKDAYS[n - 1]?.long ?? String(n));
  return `Every ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}`;
}

/** A kiosk's clock drift worth telling staff about (over two minutes either way). */
export function clockWarning(k: Pick<KioskInfo, 'clockOffsetMs'>): string | null {
  if (k.clockOffsetMs === null || Math.abs(k.clockOffsetMs) < 120_000) return null;
  const mins = Math.round(Math.abs(k.clockOffsetMs) / 60_000);
  return `Clock ${mins} min ${k.clockOffsetMs > 0 ? 'fast' : 'slow'}: check the kiosk's time setting`;
}

const PROBLEMS: Record<string, (max?: number) => string> = {
  required: () => 'This is required.',
  tooLong: (max) => (max ? `This is too long: at most ${max} characters.` : 'This is too long.'),
  tooShort: (max) => (max ? `This is too short: at least ${max} characters.` : 'This is too short.'),
  controlChars: () => 'This contains characters that cannot be used.',
  malformed: () => 'This contains damaged characters. Type it again.',
  invalid: () => 'This is not valid.',
  beforeStart: () => 'This must be after the start.',
  taken: () => 'This is already in use. Choose another.',
};

/** The sentence for one field problem from the hub. */
export function problemText(p: Pick<FieldProblem, 'message' | 'max'>): string {
  return (PROBLEMS[p.message] ?? PROBLEMS.invalid!)(p.max);
}

/** Field problems keyed by path ("riskAssessment.hazards", "locationIds"); the first one wins. */
export function fieldErrors(fields: readonly FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    // Array items ("lockers.3.label", "texts.pl.points.2") are reported on their nearest field.
    const key = f.path;
    if (!(key in out)) out[key] = problemText(f);
  }
  return out;
}

/** The first error among `paths` or any path under them (e.g. "locationIds.0"). */
export function errorFor(errors: Record<string, string>, ...paths: string[]): string | undefined {
  for (const p of paths) {
    if (errors[p]) return errors[p];
    const under = Object.keys(errors).find((k) => k.startsWith(`${p}.`));
    if (under) return errors[under];
  }
  return undefined;
}

export type HistoryQuery = { query: string; from: string; to: string; category: VisitorCategory | '' };

/** The visit-history search as URL parameters (for the CSV export link), empty ones left out. */
export function historyParams(q: HistoryQuery): string {
  const p = new URLSearchParams();
  if (q.query.trim()) p.set('query', q.query.trim());
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.category) p.set('category', q.category);
  return p.toString();
}

/** An id for new reference rows (lockers, locations, hosts): readable, contract-safe. */
export function slugId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^\p{ASCII}]/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'item';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
