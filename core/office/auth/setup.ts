// First run. There is never a default password: while the hub has no staff account it makes
// a random one-time set-up code, shows it on the hub's own terminal and writes it to
// <dataDir>/setup-code.txt (readable by the hub's user only). Whoever can read it proves they
// sit at the hub, and chooses the first administrator's password in the console. The code's
// sha-256 is kept in site_settings; the code is gone once used (or once an administrator is
// made on the command line), and set-up then answers 409.
import { privateDir } from '../../db/private.js';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { getSetting, setSetting } from '../../site/settings.js';
import { ContractError } from '../../../shared/errors.js';
import { appendAudit } from '../audit.js';
import { actorLabel } from '../context.js';
import { insertStaff, staffCount, toActor, type StaffRow } from '../staff/accounts.js';

export const SETUP_CODE_FILE = 'setup-code.txt';
const SETTING = 'office_setup_code_sha256';
/** No 0/O, 1/I/L: the code is read off a screen and typed. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 12 characters of 31: about 59 bits, against 10 tries a minute. */
const CODE_LENGTH = 12;

export function needsSetup(db: Db): boolean {
  return staffCount(db) === 0;
}

export function setupCodeFile(dataDir: string): string {
  return path.join(dataDir, SETUP_CODE_FILE);
}

function normalise(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function digest(code: string): Buffer {
  return createHash('sha256').update(normalise(code)).digest();
}

/**
 * At start: a fresh code when the hub has nobody yet (any older one stops working), nothing
 * when it has. Returns the code and where it was written, for the terminal. `keepExisting`: a
 * school of a trust whose code was already made (by add-school, or by another hub process
 * sharing its database) keeps it, and nothing new is told.
 */
export function prepareSetupCode(db: Db, dataDir: string, opts: { keepExisting?: boolean } = {}): { code: string; file: string } | null {
  const file = setupCodeFile(dataDir);
  if (!needsSetup(db)) {
    clearSetupCode(db, dataDir);
    return null;
  }
  if (opts.keepExisting && getSetting(db, SETTING)) return null;
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const code = raw.match(/.{4}/g)!.join('-');
  setSetting(db, SETTING, digest(code).toString('hex'));
  privateDir(dataDir);
  // Removed first: writeFile's mode applies only to a file it creates.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${code}\n`, { mode: 0o600, flag: 'wx' });
  return { code, file };
}

export function setupCodeMatches(db: Db, given: string): boolean {
  const stored = getSetting(db, SETTING);
  if (!stored) return false;
  const expected = Buffer.from(stored, 'hex');
  const got = digest(given);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

export function clearSetupCode(db: Db, dataDir: string): void {
  stmt(db, 'DELETE FROM site_settings WHERE key = ?').run(SETTING);
  fs.rmSync(setupCodeFile(dataDir), { force: true });
}

export type FirstAdmin = { username: string; displayName: string; passwordHash: string };

/** Make the first administrator and use up the code, in one transaction; 409 if someone was quicker. */
export function completeSetup(db: Db, dataDir: string, admin: FirstAdmin, now: Date): StaffRow {
  const row = db
    .transaction(() => {
      if (!needsSetup(db)) throw new ContractError('CONFLICT', 'This hub is already set up. Sign in instead.');
      const created = insertStaff(db, { ...admin, role: 'admin', createdBy: 'first-run set-up', now });
      stmt(db, 'DELETE FROM site_settings WHERE key = ?').run(SETTING);
      appendAudit(db, {
        at: now,
        actor: actorLabel(toActor(created)),
        action: 'hub.setUp',
        target: `staff:${created.id}`,
        detail: { username: created.username, role: 'admin', with: 'set-up code' },
      });
      return created;
    })
    .immediate();
  fs.rmSync(setupCodeFile(dataDir), { force: true });
  return row;
}
