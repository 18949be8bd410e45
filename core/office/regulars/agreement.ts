// The acceptable-use agreement on the hub: versioned texts per language, published like the
// phone policy (same words: nothing; only new languages: added to the version in force; else the
// next version), each version sent to kiosks whole with the school's renewal day.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Language } from '../../../shared/domain.js';
import { DEFAULT_RENEWAL_DAY, agreementCanonicalText, type AgreementDraft, type AgreementTexts, type AgreementVersion, type RefAgreement } from '../../../shared/regulars.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { getSetting, setSetting } from '../../site/settings.js';
import { DEFAULT_AGREEMENT } from '../../regulars/defaults.js';
import { appendRefChange } from '../reference/feed.js';

const RENEWAL_KEY = 'agreement_renewal_day';
const SEEDED_KEY = 'agreement_defaults_seeded_at';

export const agreementHash = (d: AgreementDraft): string => createHash('sha256').update(agreementCanonicalText(d), 'utf8').digest('hex');

export function renewalDay(db: Db): string {
  return getSetting(db, RENEWAL_KEY) ?? DEFAULT_RENEWAL_DAY;
}

export function currentAgreement(db: Db): AgreementVersion {
  const v = stmt(db, 'SELECT id, version, published_at FROM agreement_versions ORDER BY version DESC LIMIT 1').get() as { id: string; version: number; published_at: string } | undefined;
  if (!v) return { versionId: '', version: 0, publishedAt: '', texts: {}, renewalDay: renewalDay(db) };
  const texts: AgreementTexts = {};
  for (const r of stmt(db, 'SELECT language, title, points FROM agreement_texts WHERE version_id = ? ORDER BY language').all(v.id) as { language: Language; title: string; points: string }[])
    texts[r.language] = { title: r.title, points: JSON.parse(r.points) as string[] };
  return { versionId: v.id, version: Number(v.version), publishedAt: v.published_at, texts, renewalDay: renewalDay(db) };
}

const same = (a: AgreementDraft | undefined, b: AgreementDraft | undefined) => !!a && !!b && a.title === b.title && JSON.stringify(a.points) === JSON.stringify(b.points);

function sendToKiosks(db: Db, at: Date): AgreementVersion {
  const cur = currentAgreement(db);
  const body: RefAgreement = { versionId: cur.versionId, version: cur.version, publishedAt: cur.publishedAt, renewalDay: cur.renewalDay, texts: cur.texts };
  appendRefChange(db, 'agreement', 'current', body, at);
  return cur;
}

/** Publish texts (and/or a new renewal day). Returns what changed. Runs in the caller's transaction. */
export function publishAgreement(db: Db, texts: AgreementTexts | null, newRenewalDay: string | undefined, by: string, at: Date): { created: boolean; added: Language[]; renewalChanged: boolean; agreement: AgreementVersion } {
  const cur = currentAgreement(db);
  let created = false;
  let added: Language[] = [];
  if (texts) {
    const entries = Object.entries(texts) as [Language, AgreementDraft][];
    const changed = entries.some(([l, d]) => l in cur.texts && !same(cur.texts[l], d));
    const dropped = Object.keys(cur.texts).some((l) => !(l in texts));
    const insert = (versionId: string, l: Language, d: AgreementDraft) =>
      stmt(db, 'INSERT INTO agreement_texts (version_id, language, title, points, text_hash) VALUES (?, ?, ?, ?, ?)').run(versionId, l, d.title, JSON.stringify(d.points), agreementHash(d));
    if (cur.versionId && !changed && !dropped) {
      const fresh = entries.filter(([l]) => !(l in cur.texts));
      for (const [l, d] of fresh) insert(cur.versionId, l, d);
      added = fresh.map(([l]) => l);
    } else {
      const id = uuidv7();
      stmt(db, 'INSERT INTO agreement_versions (id, version, published_at, published_by) VALUES (?, ?, ?, ?)').run(id, cur.version + 1, at.toISOString(), by);
      for (const [l, d] of entries) insert(id, l, d);
      created = true;
      added = entries.map(([l]) => l);
    }
  }
  const renewalChanged = newRenewalDay !== undefined && newRenewalDay !== renewalDay(db);
  if (renewalChanged) setSetting(db, RENEWAL_KEY, newRenewalDay);
  const agreement = created || added.length || renewalChanged ? sendToKiosks(db, at) : currentAgreement(db);
  return { created, added, renewalChanged, agreement };
}

/** A hub starts with the default agreement, once in its life (a hub made before this feature too). */
export function seedAgreementDefault(db: Db, at: Date): void {
  if (getSetting(db, SEEDED_KEY)) return;
  db.transaction(() => {
    if (getSetting(db, SEEDED_KEY)) return;
    if (!stmt(db, 'SELECT 1 FROM agreement_versions LIMIT 1').get()) publishAgreement(db, DEFAULT_AGREEMENT, undefined, 'default', at);
    setSetting(db, SEEDED_KEY, at.toISOString());
  }).immediate();
}
