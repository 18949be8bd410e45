// The visitor record on disk is for the computer's user alone: on Linux (and macOS) the kiosk's
// and the office hub's data folders are 0700 and their databases (with -wal and -shm), the
// set-up code and kept roll-call PDFs 0600, whatever the umask, and an older install's looser
// modes are tightened when opened. Real files in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestHub, testingOnPostgres } from '../support/postgres.js';
import { prepareSetupCode } from '../../core/office/auth/setup.js';
import { keepRollCallPdf } from '../../core/rollcall/record.js';
import { privateDir } from '../../core/db/private.js';
import type { RollCall } from '../../shared/rollcall.js';
import { tempKiosk } from '../support/tempKiosk.js';

const onWindows = process.platform === 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const roots: string[] = [];
const root = () => {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'perm-test-'));
  roots.push(r);
  return r;
};
let oldUmask: number | undefined;
afterEach(() => {
  if (oldUmask !== undefined) process.umask(oldUmask);
  oldUmask = undefined;
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});
/** As on a machine whose default lets everyone read new files. */
const openUmask = () => (oldUmask = process.umask(0o022));

describe.skipIf(onWindows)('data on disk is private to the user (Linux, macOS)', () => {
  it('a new kiosk: its folder 0700, kiosk.sqlite3 and its -wal and -shm 0600', () => {
    openUmask();
    const dataDir = path.join(root(), 'kiosk-data');
    const k = tempKiosk({ dataDir });
    try {
      k.core.run('kiosk.bootstrap', { language: 'en' });
      expect(mode(dataDir)).toBe(0o700);
      for (const f of ['kiosk.sqlite3', 'kiosk.sqlite3-wal', 'kiosk.sqlite3-shm']) expect(mode(path.join(dataDir, f)), f).toBe(0o600);
    } finally {
      k.close();
    }
  });

  // A hub on PostgreSQL keeps no records in its folder: these two are about SQLite's file.
  it.skipIf(testingOnPostgres())('a new office hub: its folder 0700, office.sqlite3 and the set-up code 0600', () => {
    openUmask();
    const dataDir = path.join(root(), 'nested', 'office');
    const hub = openTestHub({ dataDir, log: () => {} });
    try {
      const code = prepareSetupCode(hub.db, dataDir)!;
      expect(mode(dataDir)).toBe(0o700);
      for (const f of ['office.sqlite3', 'office.sqlite3-wal', 'office.sqlite3-shm']) expect(mode(path.join(dataDir, f)), f).toBe(0o600);
      expect(mode(code.file)).toBe(0o600);
    } finally {
      hub.close();
    }
  });

  it.skipIf(testingOnPostgres())('an older install with looser modes is tightened when it is opened', () => {
    const dataDir = path.join(root(), 'old-office');
    openTestHub({ dataDir, log: () => {} }).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'office.sqlite3'), 0o644);
    const hub = openTestHub({ dataDir, log: () => {} });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'office.sqlite3'))).toBe(0o600);
    } finally {
      hub.close();
    }
  });

  it('kept roll-call PDFs: roll-calls/ 0700, each PDF 0600', () => {
    openUmask();
    const dataDir = root();
    const rc = { generatedAt: '2026-03-02T10:00:00.000Z' } as RollCall;
    const name = keepRollCallPdf(dataDir, rc, Buffer.from('%PDF-1.4\n'), () => {});
    expect(mode(path.join(dataDir, 'roll-calls'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'roll-calls', name))).toBe(0o600);
  });

  it.skipIf(testingOnPostgres())('a folder that was already there and is not ours is left as it is: shared (sticky, as /tmp), or without our database', () => {
    const shared = path.join(root(), 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    openTestHub({ dataDir: shared, log: () => {} }).close();
    openTestHub({ dataDir: shared, log: () => {} }).close(); // again, now that it holds the database
    expect(fs.statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(mode(path.join(shared, 'office.sqlite3'))).toBe(0o600);

    const existing = root();
    fs.chmodSync(existing, 0o755);
    privateDir(existing);
    expect(mode(existing)).toBe(0o755);
  });
});
