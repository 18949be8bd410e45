// The statement cache hands the same prepared statement to every caller of the same SQL: one
// caller's pluck() must not change what the next caller gets back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDb } from '../../core/db/open.js';
import { stmt } from '../../core/db/statements.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('a cached statement starts plain for each caller, whoever plucked it before', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stmt-cache-'));
  dirs.push(dir);
  const db = openDb(path.join(dir, 'x.sqlite3'), { migrate: false });
  try {
    db.exec("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT); INSERT INTO settings VALUES ('hub_id', 'hub-1')");
    const sql = 'SELECT value FROM settings WHERE key = ?';
    expect(stmt(db, sql).pluck().get('hub_id')).toBe('hub-1');
    expect(stmt(db, sql).get('hub_id')).toEqual({ value: 'hub-1' });
    expect(stmt(db, "UPDATE settings SET value = 'hub-2'").run().changes).toBe(1); // writers are left alone
    expect(stmt(db, "UPDATE settings SET value = 'hub-2'").run().changes).toBe(1);
  } finally {
    db.close();
  }
});
