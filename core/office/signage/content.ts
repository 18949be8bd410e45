// What a poster shows, read from the live policy and the school's lists. The hash prefix is the
// start of the same text hash a kiosk records when a visitor acknowledges the policy in that
// language (core/policy/policy.ts renders the text with the approved places and hashes it).
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { activeLocations, currentPolicy, invalidatePolicyCache } from '../../policy/policy.js';
import { getSetting, setSetting } from '../../site/settings.js';
import { hubSite } from '../reference/site.js';
import { HASH_PREFIX_LENGTH, type DslRole, type PosterSpec, type SignageSettings } from '../../../shared/signage.js';
import type { Language } from '../../../shared/domain.js';

const COMPLAINTS_KEY = 'signage_complaints';
const WHISTLEBLOWING_KEY = 'signage_whistleblowing';

export function signageSettings(db: Db): SignageSettings {
  return { complaints: getSetting(db, COMPLAINTS_KEY) ?? '', whistleblowing: getSetting(db, WHISTLEBLOWING_KEY) ?? '' };
}

export function saveSignageSettings(db: Db, s: SignageSettings): void {
  setSetting(db, COMPLAINTS_KEY, s.complaints);
  setSetting(db, WHISTLEBLOWING_KEY, s.whistleblowing);
}

export type PosterContent = {
  site: string;
  policyVersion: number;
  policyVersionId: string;
  hashPrefixes: Partial<Record<Language, string>>;
  approved: string[];
  never: string[];
  dsls: { name: string; role: DslRole; contact: string }[];
  settings: SignageSettings;
  /** Everything on the poster but its wording and policy version: a change here makes it out of date too. */
  contentHash: string;
};

/** The policy hash prefix a kiosk would record for `language` now (English where the version has no text in it). */
export function hashPrefix(db: Db, language: Language): string {
  invalidatePolicyCache(db); // the hub changes places without the kiosk's cache in mind
  return currentPolicy(db, language).textHash.slice(0, HASH_PREFIX_LENGTH);
}

export function posterContent(db: Db, spec: Pick<PosterSpec, 'language' | 'second'>): PosterContent {
  const languages = spec.second ? [spec.language, spec.second] : [spec.language];
  invalidatePolicyCache(db);
  const policy = currentPolicy(db, 'en');
  const hashPrefixes = Object.fromEntries(languages.map((l) => [l, hashPrefix(db, l)]));
  const approved = activeLocations(db).map((l) => l.name);
  const never = stmt(db, 'SELECT name FROM never_places WHERE active = 1 ORDER BY sort, name').pluck().all() as string[];
  const dsls = stmt(db, "SELECT name, role, contact FROM dsls WHERE active = 1 ORDER BY (role = 'dsl') DESC, sort, name").all() as PosterContent['dsls'];
  const settings = signageSettings(db);
  const site = hubSite(db).siteName;
  const contentHash = createHash('sha256').update(JSON.stringify({ site, approved, never, dsls, settings })).digest('hex');
  return { site, policyVersion: policy.version, policyVersionId: policy.versionId, hashPrefixes, approved, never, dsls, settings, contentHash };
}
