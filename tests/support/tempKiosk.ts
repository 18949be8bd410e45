// Test helpers: a real kiosk (real SQLite file in a fresh temp folder) and a controllable clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openKiosk, type Kiosk, type KioskOptions } from '../../core/kiosk.js';
import type { OpInput } from '../../shared/contract.js';
import type { CardScan } from '../../shared/regulars.js';

export function tempDir(prefix = 'kiosk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type Clock = { now: () => Date; set(iso: string): void; advance(ms: number): void };

export function fakeClock(startIso = '2026-03-02T08:10:00.000Z'): Clock {
  let t = new Date(startIso).getTime();
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), advance: (ms) => void (t += ms) };
}

export function tempKiosk(opts: Partial<KioskOptions> = {}): Kiosk {
  return openKiosk({ dataDir: opts.dataDir ?? tempDir(), log: () => {}, ...opts });
}

/** A valid sign-in for the kiosk's current policy; override any field. */
export function signInInput(k: Kiosk, over: Partial<OpInput<'visit.signIn'>> = {}): OpInput<'visit.signIn'> {
  const boot = k.core.run('kiosk.bootstrap', { language: 'en' });
  return {
    category: 'parent_carer',
    fullName: 'Jane Smith',
    hostId: boot.hosts[0]!.id,
    purpose: 'Meeting with class teacher',
    language: 'en',
    policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash },
    phone: { choice: 'none' },
    ...over,
  };
}

/** What the kiosk's screens send after a card scan: the card, the phone choice, and the
 *  acknowledgement of exactly what the scan said is due (the phone rules, the agreement). */
export function cardSignInInput(k: Pick<Kiosk, 'core'>, cardCode: string, scan: CardScan, phone: OpInput<'regular.signIn'>['phone'] = { choice: 'reception' }): OpInput<'regular.signIn'> {
  if (scan.status !== 'ok') throw new Error(`the card was refused: ${scan.status}`);
  const boot = k.core.run('kiosk.bootstrap', { language: 'en' }, 'kiosk');
  return {
    cardCode,
    language: 'en',
    phone,
    ...(scan.policyChanged ? { policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash } } : {}),
    ...(scan.agreement ? { agreement: { versionId: scan.agreement.versionId, textHash: scan.agreement.textHash } } : {}),
  };
}
