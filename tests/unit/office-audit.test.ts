// The hub's audit log is a hash chain with an anchor: verifyAudit finds any row that was
// edited, deleted (first, middle or last), inserted or moved, even by someone with write access
// to the SQLite file who drops the append-only trigger first, as an attacker would.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit } from '../../core/office/audit.js';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from '../support/postgres.js';

let hub: Hub;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'office-audit-'));
  hub = openTestHub({ dataDir: dir, log: () => {} });
  const at = new Date('2026-03-02T08:00:00.000Z');
  for (let i = 1; i <= 6; i++)
    appendAudit(hub.db, { at: new Date(at.getTime() + i * 60_000), actor: 'Alex Admin (head.admin)', action: 'staff.update', target: `staff:${i}`, detail: { n: i, role: 'office' } });
});
afterEach(() => {
  hub.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What an attacker with the file does first: the trigger only stops honest mistakes. */
function dropTrigger() {
  hub.db.exec(hub.engine === 'postgres' ? 'DROP TRIGGER audit_log_no_update ON audit_log' : 'DROP TRIGGER audit_log_no_update');
}

function rows() {
  return hub.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
}

describe('an untouched log', () => {
  it('verifies, with its number of entries', () => {
    expect(verifyAudit(hub.db)).toEqual({ ok: true, entries: 6 });
  });

  it('an empty log verifies too', () => {
    const empty = openTestHub({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'office-audit-empty-')), log: () => {} });
    try {
      expect(verifyAudit(empty.db)).toEqual({ ok: true, entries: 0 });
    } finally {
      empty.close();
      fs.rmSync(empty.dataDir, { recursive: true, force: true });
    }
  });

  it('is listed newest first, a page at a time', () => {
    const page = listAudit(hub.db, 4);
    expect(page.entries.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect(page.more).toBe(true);
    expect(listAudit(hub.db, 4, 3).entries.map((e) => e.seq)).toEqual([2, 1]);
    expect(page.entries[0]!.detail).toEqual({ n: 6, role: 'office' });
  });
});

describe('the trigger refuses an update in place', () => {
  it('UPDATE is aborted while the trigger is there', () => {
    expect(() => hub.db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(verifyAudit(hub.db).ok).toBe(true);
  });
});

describe('tampering is detected', () => {
  it.each([
    ['the detail', "UPDATE audit_log SET detail = '{\"n\":3,\"role\":\"admin\"}' WHERE seq = 3"],
    ['the actor', "UPDATE audit_log SET actor = 'Someone Else (other)' WHERE seq = 3"],
    ['the time', "UPDATE audit_log SET at = '2026-01-01T00:00:00.000Z' WHERE seq = 3"],
    ['the action', "UPDATE audit_log SET action = 'staff.list' WHERE seq = 3"],
    ['the target', "UPDATE audit_log SET target = 'staff:99' WHERE seq = 3"],
  ])('editing %s of a row (trigger dropped first)', (_what, sql) => {
    dropTrigger();
    hub.db.exec(sql);
    expect(verifyAudit(hub.db)).toEqual({ ok: false, entries: 2, firstBadSeq: 3, problem: 'entry 3 was changed after it was written' });
  });

  it('editing a row and recomputing its own hash breaks the link to the next', () => {
    dropTrigger();
    const r = rows()[2]!;
    hub.db.exec("UPDATE audit_log SET detail = '{\"n\":3,\"role\":\"admin\"}' WHERE seq = 3");
    // Recompute row 3's hash the way appendAudit does; row 4 still names the old one.
    const hash = createHash('sha256').update(JSON.stringify([3, r.at, r.actor, r.action, r.target, '{"n":3,"role":"admin"}', r.prev_hash])).digest('hex');
    hub.db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(hash);
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'entry 4 does not follow entry 3' });
  });

  it.each([1, 2, 4])('deleting row %i', (seq) => {
    hub.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, firstBadSeq: seq + 1, problem: `entry ${seq} is missing` });
  });

  it('deleting the last row (nothing after it to break)', () => {
    hub.db.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, entries: 5, problem: expect.stringMatching(/removed from the end/) });
  });

  it('deleting the last three rows', () => {
    hub.db.prepare('DELETE FROM audit_log WHERE seq > 3').run();
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, entries: 3, problem: expect.stringMatching(/entry 6 was written/) });
  });

  it('deleting every row', () => {
    hub.db.exec('DELETE FROM audit_log');
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, entries: 0 });
  });

  it('reordering two rows (swapping their sequence numbers)', () => {
    dropTrigger();
    hub.db.transaction(() => {
      hub.db.exec('UPDATE audit_log SET seq = -1 WHERE seq = 2');
      hub.db.exec('UPDATE audit_log SET seq = 2 WHERE seq = 3');
      hub.db.exec('UPDATE audit_log SET seq = 3 WHERE seq = -1');
    })();
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('reordering by deleting rows and inserting them back in another order', () => {
    const all = rows();
    hub.db.exec('DELETE FROM audit_log WHERE seq IN (4, 5)');
    const insert = hub.db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @target, @detail, @prev_hash, @hash)');
    // Row 5's content placed at 4 and row 4's at 5, each keeping its own hash.
    insert.run({ ...all[4], seq: 4 });
    insert.run({ ...all[3], seq: 5 });
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('inserting a made-up row in the middle', () => {
    dropTrigger();
    const all = rows();
    // Make room at 4 (in two steps: seq is the primary key).
    hub.db.exec('UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4');
    hub.db.exec('UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000');
    hub.db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (4, ?, ?, ?, ?, ?, ?, ?)').run(
      '2026-03-02T08:03:30.000Z', 'Nobody (nobody)', 'staff.create', 'staff:x', '{}', all[2]!.hash, 'f'.repeat(64),
    );
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('a row appended by hand without the chain', () => {
    hub.db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (7, ?, ?, ?, ?, ?, ?, ?)').run(
      '2026-03-02T09:00:00.000Z', 'Nobody (nobody)', 'staff.create', 'staff:x', '{}', '0'.repeat(64), '0'.repeat(64),
    );
    expect(verifyAudit(hub.db)).toMatchObject({ ok: false, firstBadSeq: 7 });
  });
});
