// When the phone policy is next reviewed. The policy says at least yearly and after concerns:
// by default a year after the version in force was published; the DSL may bring it forward
// after a concern. The brought-forward date is kept for the version it was set under, so
// publishing a new version (the review done) starts a fresh year without anyone resetting it.
import { REVIEW_REMINDER_DAYS, type ReviewDue } from '../../../shared/concerns.js';
import type { Db } from '../../db/open.js';
import { getSetting, localDay, setSetting } from '../../site/settings.js';
import { currentHubPolicy } from '../reference/policy.js';
import { hubSite, hubToday } from '../reference/site.js';

/** Site setting: JSON {versionId, due, by, at, concernId, reason}. */
export const REVIEW_DUE_KEY = 'policy_review_due';

type Stored = { versionId: string; due: string; by: string; at: string; concernId: string; reason: string };

const DAY_MS = 86_400_000;

/** The same calendar day a year later (29 February becomes 28 February). */
export function aYearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function stored(db: Db): Stored | null {
  const raw = getSetting(db, REVIEW_DUE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Stored;
  } catch {
    return null;
  }
}

export function reviewDue(db: Db, now: Date): ReviewDue {
  const policy = currentHubPolicy(db);
  if (policy.version === 0)
    return { due: null, basis: 'noPolicy', policyVersion: 0, publishedAt: null, broughtForward: null, daysLeft: null, state: 'noPolicy' };
  // The school's day it was published on, in its own time zone.
  const published = localDay(new Date(policy.publishedAt), hubSite(db).timeZone);
  const yearly = aYearAfter(published);
  const s = stored(db);
  const forward = s && s.versionId === policy.versionId && s.due < yearly ? s : null;
  const due = forward ? forward.due : yearly;
  const daysLeft = daysBetween(hubToday(db, now), due);
  return {
    due,
    basis: forward ? 'broughtForward' : 'published',
    policyVersion: policy.version,
    publishedAt: policy.publishedAt,
    broughtForward: forward ? { by: forward.by, at: forward.at, concernId: forward.concernId, reason: forward.reason } : null,
    daysLeft,
    state: daysLeft < 0 ? 'overdue' : daysLeft <= REVIEW_REMINDER_DAYS ? 'dueSoon' : 'ok',
  };
}

/** Bring the review forward to `due` (the caller checked it is earlier and not in the past). */
export function bringReviewForward(db: Db, s: Omit<Stored, 'versionId'>): void {
  setSetting(db, REVIEW_DUE_KEY, JSON.stringify({ versionId: currentHubPolicy(db).versionId, ...s }));
}

