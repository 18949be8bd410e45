// Backups of a SQLite hub: an online copy taken while the hub runs (consistent even with a
// write transaction open in another process), checked once written (integrity and audit chain),
// the newest N kept, private files; "Back up now" for administrators only, audited; restore
// into a stopped hub's folder, keeping the file it replaces. Real files, a real HTTP hub, and
// the `office` command run as its own process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../core/db/open.js';
import { backupsDir, listBackups } from '../../core/office/backup/files.js';
import { backupView } from '../../core/office/backup/handlers.js';
import { BadBackupError, HubInUseError, restoreBackup } from '../../core/office/backup/restore.js';
import { checkBackup, writeBackup } from '../../core/office/backup/take.js';
import { createOfficeCore } from '../../core/office/dispatcher.js';
import { HUB_DB_FILE_NAME, openHub, type Hub } from '../../core/office/hub.js';
import type { BackupResult, BackupView } from '../../shared/backup.js';
import { ContractError } from '../../shared/errors.js';
import { compileCore } from '../support/compileCore.js';
import { ACTORS, auditRows, registerKiosk } from '../support/officeDomain.js';
import { browsersByRole, setUpHub, startTestHub, type TestHub } from '../support/officeHub.js';
import { fakeClock, tempDir } from '../support/tempKiosk.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const kioskNames = (db: { prepare(s: string): { pluck(): { all(): unknown[] } } }) => db.prepare('SELECT name FROM kiosks ORDER BY name').pluck().all();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function hubIn(dataDir: string, now = () => new Date()): Hub {
  const h = openHub({ dataDir, now, log: () => {} });
  cleanups.push(() => h.db.open && h.close());
  return h;
}

function newDataDir(): string {
  const d = tempDir('hub-backup-');
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('a backup of a running SQLite hub', () => {
  it('is a consistent, checked copy even while another process has a write transaction open', async () => {
    const dataDir = newDataDir();
    const hub = hubIn(dataDir);
    registerKiosk(hub, 'k-front', 'Front office');
    hub.db.transaction(() => hub.core.run('retention.save', { periods: { visitsMonths: 24, exemptionsMonths: 12, breachesMonths: 72, photosMonths: 1 } }, ACTORS.admin))();
    // Another process is in the middle of writing: its row must not be in the copy, and the
    // backup must not wait for it.
    const other = openDb(path.join(dataDir, HUB_DB_FILE_NAME), { migrate: false, busyTimeoutMs: 0 });
    cleanups.push(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO kiosks (id, name, public_key, paired_at, paired_by) VALUES (?, ?, ?, ?, ?)').run('k-half', 'Half written', 'AAAA', '2026-12-03T09:00:00.000Z', 'x');

    const r = await writeBackup(hub.db, dataDir, new Date('2026-12-03T14:05:00.000Z'), 'manual');
    other.exec('COMMIT');

    expect(r).toMatchObject({ name: 'office-2026-12-03T1405.sqlite3', ok: true, check: { integrity: 'ok', audit: { ok: true, entries: 1 } } });
    const file = path.join(backupsDir(dataDir), r.name);
    expect(fs.statSync(file).size).toBe(r.size);
    expect(fs.readdirSync(backupsDir(dataDir))).toEqual([r.name]); // one file: no -wal, -shm or .partial beside it
    const copy = openDb(file, { readonly: true });
    cleanups.push(() => copy.close());
    expect(kioskNames(copy)).toEqual(['Front office']);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(checkBackup(file)).toEqual({ integrity: 'ok', audit: { ok: true, entries: 1 } });
  });

  it('is private to the hub’s user: folder 0700, files 0600, whatever the umask', async () => {
    const dataDir = newDataDir();
    const hub = hubIn(dataDir);
    const old = process.umask(0o022);
    try {
      const r = await writeBackup(hub.db, dataDir, new Date('2026-12-03T14:05:00.000Z'), 'manual');
      expect(mode(backupsDir(dataDir))).toBe(0o700);
      expect(mode(path.join(backupsDir(dataDir), r.name))).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('keeps the newest N files (the setting), and never prunes after a copy that fails its check', async () => {
    const dataDir = newDataDir();
    const clock = fakeClock('2026-12-01T01:00:00.000Z');
    const hub = hubIn(dataDir, clock.now);
    hub.db.transaction(() => hub.core.run('backups.save', { keep: 3 }, ACTORS.admin)).immediate();
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push((await writeBackup(hub.db, dataDir, clock.now(), 'schedule')).name);
      clock.advance(86_400_000);
    }
    expect(listBackups(backupsDir(dataDir)).map((f) => f.name)).toEqual(names.slice(2).reverse());
    // Two in the same minute get distinct names.
    const first = await writeBackup(hub.db, dataDir, new Date('2027-02-01T10:00:10.000Z'), 'manual');
    const second = await writeBackup(hub.db, dataDir, new Date('2027-02-01T10:00:50.000Z'), 'manual');
    expect([first.name, second.name]).toEqual(['office-2027-02-01T1000.sqlite3', 'office-2027-02-01T1000-2.sqlite3']);
    expect(listBackups(backupsDir(dataDir)).map((f) => f.name)).toEqual([second.name, first.name, names[4]]);

    // A broken audit chain makes the copy fail its check: nothing older is removed for it.
    hub.db.prepare("UPDATE site_settings SET value = '{\"seq\":99,\"hash\":\"x\"}' WHERE key = 'audit_anchor'").run();
    const before = listBackups(backupsDir(dataDir)).map((f) => f.name);
    const bad = await writeBackup(hub.db, dataDir, new Date('2027-03-01T00:00:00.000Z'), 'schedule');
    expect(bad).toMatchObject({ ok: false, removed: [], check: { integrity: 'ok', audit: { ok: false } } });
    expect(listBackups(backupsDir(dataDir)).map((f) => f.name)).toEqual([bad.name, ...before]);
  });
});

describe('backups in the console', () => {
  let t: TestHub;
  afterEach(async () => t?.close());

  it('"Back up now" is for administrators: the file is written, listed, and audited; other roles are refused', async () => {
    t = await startTestHub();
    const admin = await setUpHub(t);
    const others = await browsersByRole(t, admin);

    for (const role of ['office', 'dsl', 'head'] as const) {
      expect((await others[role].op('backups.runNow')).status).toBe(403);
      expect((await others[role].op('backups.get')).status).toBe(403);
    }
    expect(fs.existsSync(backupsDir(t.dataDir))).toBe(false);
    if (t.hub.engine === 'postgres') {
      // The same console on a trust's PostgreSQL: the server's operators back it up (pg_dump).
      const refused = await admin.op('backups.runNow');
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.json)).toMatch(/pg_dump/);
      expect(((await admin.op('backups.get')).json as { ok: true; value: BackupView }).value).toMatchObject({ engine: 'postgres', files: [] });
      return;
    }

    const res = await admin.op('backups.runNow');
    expect(res.status).toBe(200);
    const r = (res.json as { ok: true; value: BackupResult }).value;
    expect(r).toMatchObject({ trigger: 'manual', ok: true, check: { integrity: 'ok', audit: { ok: true } } });
    const view = ((await admin.op('backups.get')).json as { ok: true; value: BackupView }).value;
    expect(view).toMatchObject({ engine: 'sqlite', keep: 14, files: [{ name: r.name, size: r.size }], last: { name: r.name, ok: true } });
    const entry = auditRows(t.hub).find((e) => e.action === 'backup.run');
    expect(entry).toMatchObject({ actor: 'Alex Admin (head.admin)', target: 'backup', detail: { trigger: 'manual', file: r.name, ok: true, integrity: 'ok' } });

    expect((await admin.op('backups.save', { keep: 0 })).status).toBe(400);
    expect((await admin.op('backups.save', { keep: 30 })).status).toBe(200);
    expect(auditRows(t.hub).find((e) => e.action === 'backup.save')).toMatchObject({ detail: { before: { keep: 14 }, after: { keep: 30 } } });
  });

  it('on PostgreSQL the console shows no files and refuses "Back up now": pg_dump is the server operators’', () => {
    const dataDir = newDataDir();
    const hub = hubIn(dataDir);
    expect(backupView(hub.db, 'postgres')).toEqual({ engine: 'postgres', keep: 14, defaultKeep: 14, files: [], last: null, folder: null });
    const core = createOfficeCore({ db: hub.db, log: () => {}, engine: 'postgres' });
    expect(core.run('backups.get', {}, ACTORS.admin).engine).toBe('postgres');
    expect(() => core.run('backups.runNow', {}, ACTORS.admin)).toThrow(ContractError);
    expect(() => core.run('backups.runNow', {}, ACTORS.admin)).toThrow(/pg_dump/);
  });
});

describe('restoring a backup', () => {
  it('replaces a stopped hub’s database, keeping the one it replaced; refused while the hub runs', async () => {
    const dataDir = newDataDir();
    const hub = hubIn(dataDir);
    registerKiosk(hub, 'k-front', 'Front office');
    const r = await writeBackup(hub.db, dataDir, new Date('2026-12-03T14:05:00.000Z'), 'manual');
    registerKiosk(hub, 'k-later', 'Later kiosk');
    const backup = path.join(backupsDir(dataDir), r.name);

    // The hub is running (open, idle): refused, nothing changed.
    expect(() => restoreBackup(dataDir, backup, new Date('2026-12-04T09:00:00.000Z'))).toThrow(HubInUseError);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect(kioskNames(hub.db)).toEqual(['Front office', 'Later kiosk']);

    hub.close();
    const done = restoreBackup(dataDir, backup, new Date('2026-12-04T09:00:00.000Z'));
    expect(done.replaced).toBe(path.join(dataDir, 'office.sqlite3.before-restore-2026-12-04T090000'));
    expect(mode(path.join(dataDir, HUB_DB_FILE_NAME))).toBe(0o600);
    const kept = openDb(done.replaced!, { readonly: true });
    expect(kioskNames(kept)).toEqual(['Front office', 'Later kiosk']); // complete: its WAL was folded in
    kept.close();
    const restored = hubIn(dataDir);
    expect(kioskNames(restored.db)).toEqual(['Front office']);
  });

  it('refuses a backup whose audit log does not verify, changing nothing', async () => {
    const dataDir = newDataDir();
    const hub = hubIn(dataDir);
    hub.db.transaction(() => hub.core.run('backups.save', { keep: 5 }, ACTORS.admin)).immediate();
    const r = await writeBackup(hub.db, dataDir, new Date('2026-12-03T14:05:00.000Z'), 'manual');
    hub.close();
    const tampered = path.join(dataDir, 'tampered.sqlite3');
    fs.copyFileSync(path.join(backupsDir(dataDir), r.name), tampered);
    const t = openDb(tampered, { migrate: false });
    t.prepare("UPDATE site_settings SET value = '{\"seq\":99,\"hash\":\"x\"}' WHERE key = 'audit_anchor'").run();
    t.close();
    const before = fs.readFileSync(path.join(dataDir, HUB_DB_FILE_NAME));
    expect(() => restoreBackup(dataDir, tampered, new Date())).toThrow(BadBackupError);
    expect(fs.readFileSync(path.join(dataDir, HUB_DB_FILE_NAME)).equals(before)).toBe(true);
  });
});

describe('the office command', () => {
  let compiled: string;
  beforeAll(() => {
    compiled = compileCore(undefined, ['core', 'shared', 'scripts']);
  }, 60_000);
  afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

  const office = (args: string[]) => {
    const child = spawn(process.execPath, [path.join(compiled, 'scripts', 'office.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    return new Promise<{ code: number | null; out: string }>((r) => child.once('exit', (code) => r({ code, out })));
  };

  it('`office backup` writes a checked backup; `office restore FILE` refuses a running hub, then restores a stopped one', async () => {
    const dataDir = newDataDir();
    const hub = hubIn(dataDir);
    registerKiosk(hub, 'k-front', 'Front office');
    hub.close();

    const b = await office(['backup', '--data-dir', dataDir]);
    expect(b.out).toMatch(/Backup written and checked/);
    expect(b.code).toBe(0);
    const [file] = listBackups(backupsDir(dataDir));
    const running = hubIn(dataDir);
    registerKiosk(running, 'k-later', 'Later kiosk');
    expect(auditRows(running).map((e) => e.action)).toContain('backup.run');

    const refused = await office(['restore', path.join(backupsDir(dataDir), file!.name), '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/in use: stop the office hub/);

    running.close();
    const ok = await office(['restore', path.join(backupsDir(dataDir), file!.name), '--data-dir', dataDir]);
    expect(ok.out).toMatch(/Restored/);
    expect(ok.code).toBe(0);
    const after = hubIn(dataDir);
    expect(kioskNames(after.db)).toEqual(['Front office']);
    expect(auditRows(after).at(-1)).toMatchObject({ action: 'backup.restore', actor: 'command line (office restore)', detail: { from: file!.name } });
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('office.sqlite3.before-restore-'))).toHaveLength(1);
  }, 60_000);
});
