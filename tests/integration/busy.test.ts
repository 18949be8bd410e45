// Another process (the office sync, a backup, a second kiosk window) holds the write lock.
// The visitor is told to try again, nothing half-written is left, and the retry works.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { disposeKiosk, rowCounts, startTestHttp } from '../support/fixtures.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

let k: Kiosk;
let other: Database.Database;
beforeEach(() => {
  k = tempKiosk({ busyTimeoutMs: 50 });
  other = new Database(k.dbFile);
  other.pragma('busy_timeout = 0');
});
afterEach(() => {
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  disposeKiosk(k);
});

describe('when another connection holds the write lock', () => {
  it('a sign-in gets STORE_BUSY (503) with a clear message and writes nothing; after the lock is released the same sign-in succeeds', () => {
    const input = signInInput(k, { phone: { choice: 'locker', lockerId: 'L2' } });
    const before = rowCounts(k.db);
    other.exec('BEGIN IMMEDIATE');

    const started = Date.now();
    const env = k.core.call('visit.signIn', input, 'kiosk');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(env).toEqual({ ok: false, error: { code: 'STORE_BUSY', message: 'The kiosk is busy for a moment. Please try again. Nothing was lost.' } });
    expect(() => k.core.run('visit.signIn', input)).toThrow(expect.objectContaining({ code: 'STORE_BUSY', status: 503 }));

    other.exec('COMMIT');
    expect(rowCounts(k.db)).toEqual(before);
    expect(rowCounts(other)).toEqual(before);

    const retry = k.core.call('visit.signIn', input, 'kiosk');
    expect(retry.ok).toBe(true);
    expect(rowCounts(other).visits).toBe(before.visits + 1);
    expect(rowCounts(other).visit_events).toBe(before.visit_events + 3);
  });

  it('still answers reads (WAL lets readers past a writer)', () => {
    other.exec('BEGIN IMMEDIATE');
    expect(k.core.call('kiosk.bootstrap', { language: 'en' }, 'kiosk').ok).toBe(true);
    expect(k.core.call('visit.findForSignOut', { query: 'ja' }, 'kiosk')).toEqual({ ok: true, value: { matches: [] } });
  });

  it('a sign-out gets STORE_BUSY too, and the visitor is still on site until the retry', () => {
    const r = k.core.run('visit.signIn', signInInput(k));
    other.exec('BEGIN IMMEDIATE');
    expect(k.core.call('visit.signOut', { visitId: r.visitId, phoneCollected: false }, 'kiosk')).toMatchObject({ ok: false, error: { code: 'STORE_BUSY' } });
    other.exec('ROLLBACK');
    expect(k.core.run('visit.onSite', {}).visits).toHaveLength(1);
    expect(k.core.call('visit.signOut', { visitId: r.visitId, phoneCollected: false }, 'kiosk').ok).toBe(true);
  });

  it('over HTTP the answer is a 503 envelope', async () => {
    const api = await startTestHttp(k);
    try {
      other.exec('BEGIN IMMEDIATE');
      const res = await api.post('visit.signIn', signInInput(k));
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'STORE_BUSY', message: expect.stringMatching(/try again/) } });
      other.exec('COMMIT');
      expect((await api.post('visit.signIn', signInInput(k))).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('a lock released within the busy timeout is simply waited for', async () => {
    // A separate process holds the lock for a moment (this thread blocks inside SQLite while it waits).
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.exec('BEGIN IMMEDIATE');
         process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
        k.dbFile,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => holder.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.once('exit', () => reject(new Error('lock holder exited early')));
    });
    const patient = tempKiosk({ dataDir: k.dataDir, busyTimeoutMs: 5000, now: () => new Date() });
    try {
      const started = Date.now();
      expect(k.core.call('visit.signIn', signInInput(k), 'kiosk')).toMatchObject({ ok: false, error: { code: 'STORE_BUSY' } });
      expect(patient.core.call('visit.signIn', signInInput(patient), 'kiosk').ok).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      patient.close();
      await exited;
    }
  });
});
