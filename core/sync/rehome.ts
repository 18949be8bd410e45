// Moving a paired kiosk to its hub's new address (a school hub moved into a trust's hub:
// `https://trusthub:5180/s/<slug>/`) without pairing again. Only the address changes: the
// kiosk's key, the hub's id and identity key and the pinned certificates stay, so the new
// address is believed only if it answers as the SAME hub (its signature) behind a certificate
// the kiosk already pins (the old hub announced the trust hub's pin over the pinned channel
// first: `office tls-announce`). The new address is tried with one harmless signed request
// before it is kept, and every change is written down on the kiosk.
import type { Db } from '../db/open.js';
import { getSetting, setSetting } from '../site/settings.js';
import { stmt } from '../db/statements.js';
import { SYNC_PATHS, type PullResponse } from '../../shared/sync.js';
import { createSyncClient, parsePins, SyncError, type ClientOptions } from './client.js';
import { normaliseHubUrl } from './pair.js';
import { readSyncState } from './status.js';

const HISTORY_KEY = 'hub_url_history';
const HISTORY_MAX = 20;

export type HubUrlChange = { at: string; from: string; to: string; by: string; pinGiven?: string };

export type ChangeHubUrlOptions = ClientOptions & {
  /** The new address's certificate pin, for a kiosk that pins none (paired over plain http with
   *  a one-PC reception's own hub): given by an administrator from `office tls-announce`. */
  hubPin?: string;
};

export async function changeHubUrl(db: Db, newUrl: string, by: string, opts: ChangeHubUrlOptions = {}): Promise<HubUrlChange> {
  const state = readSyncState(db);
  if (!state) throw new SyncError('NOT_PAIRED', 'This kiosk is not paired with an office hub: pair it (pair <hub url> <code>) instead.');
  if (state.revoked_at) throw new SyncError('REVOKED', 'The office revoked this kiosk; moving it to another address would not help. Pair it again.');
  const to = normaliseHubUrl(newUrl);
  const from = state.hub_url;
  if (to === from) throw new SyncError('INVALID_INPUT', `The kiosk already syncs with ${from}.`);
  if (from.startsWith('https:') && !to.startsWith('https:')) throw new SyncError('INVALID_INPUT', 'The kiosk syncs over https; it does not move to a plain http address.');
  const pinned = parsePins(state.hub_pins);
  let pins: string[] | undefined;
  if (opts.hubPin !== undefined) {
    if (pinned.length > 0) throw new SyncError('INVALID_INPUT', 'This kiosk already pins its hub\'s certificates; it learns a new one from the hub itself (office tls-announce), not from the command line.');
    if (!to.startsWith('https:')) throw new SyncError('INVALID_INPUT', 'A certificate pin goes with an https address.');
    if (!/^[A-Za-z0-9+/]{43}=$/.test(opts.hubPin)) throw new SyncError('INVALID_INPUT', 'That is not a certificate pin (44 characters of base64, as `office tls-announce` prints it).');
    pins = [opts.hubPin];
  } else if (to.startsWith('https:') && pinned.length === 0)
    throw new SyncError('HUB_MISMATCH', 'This kiosk pins no certificate (it was paired over plain http), so it cannot check an https address by itself. Give the new hub\'s pin (--hub-pin, printed by `office tls-announce`), or pair it with the new hub.');
  if (!state.hub_public_key) throw new SyncError('HUB_MISMATCH', 'This kiosk was paired before hub answers were signed; it cannot check the new address. Pair it with the new hub instead.');

  // One signed pull of the page the kiosk already has: the answer must be this hub's (id,
  // signature) over a pinned certificate, or nothing changes. Nothing in the page is applied.
  const { hubPin: _pin, ...clientOpts } = opts;
  const probe = createSyncClient(db, { ...clientOpts, hubUrl: to, ...(pins ? { pins } : {}) });
  try {
    await probe.post<PullResponse>(SYNC_PATHS.pull, { cursor: state.pull_cursor, limit: 1 });
  } finally {
    probe.close();
  }

  const at = (opts.now ?? (() => new Date()))().toISOString();
  const change: HubUrlChange = { at, from, to, by, ...(pins ? { pinGiven: pins[0]! } : {}) };
  db.transaction(() => {
    stmt(db, 'UPDATE sync_state SET hub_url = ?, last_error = NULL, last_error_at = NULL WHERE id = 1').run(to);
    // The given pin proved itself (the same hub answered behind it); what the hub announced may
    // already have been learned over it, which is kept.
    if (pins && parsePins(readSyncState(db)!.hub_pins).length === 0) stmt(db, 'UPDATE sync_state SET hub_pins = ? WHERE id = 1').run(JSON.stringify(pins));
    setSetting(db, HISTORY_KEY, JSON.stringify([...hubUrlHistory(db), change].slice(-HISTORY_MAX)));
  })();
  return change;
}

/** The kiosk's record of address changes, oldest first. */
export function hubUrlHistory(db: Db): HubUrlChange[] {
  try {
    const v = JSON.parse(getSetting(db, HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as HubUrlChange[]) : [];
  } catch {
    return [];
  }
}
