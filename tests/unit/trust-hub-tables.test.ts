// How migrate-to finds and orders a hub's tables (core/office/trust/hubTables.ts), on real SQLite
// databases: dependencies first, insert triggers that only check are ordered after what they
// read, ones that write are refused, and two schemas that differ are named.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../core/db/open.js';
import { migrateHub } from '../../core/office/db/migrations.js';
import { compareSchemas, copyOrder, MigrateRefusal, sqliteTables, type PgColumn } from '../../core/office/trust/hubTables.js';

function memory(sql: string) {
  const db = openDb(':memory:', { migrate: false });
  db.exec(sql);
  return db;
}

describe('the tables migrate-to copies', () => {
  it('puts every table after the tables its foreign keys and insert triggers read', () => {
    const db = openDb(':memory:', { migrateWith: (d) => migrateHub(d) });
    const order = copyOrder(sqliteTables(db)).map((t) => t.name);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before('visit_owners', 'hub_events'); // the ownership trigger looks the visit's owner up
    before('staff', 'sessions');
    before('staff', 'staff_kiosk_pins');
    before('policy_versions', 'policy_texts');
    before('hosts', 'expected_visitors');
    before('roll_calls', 'roll_call_marks');
    expect(order).not.toContain('sqlite_sequence');
    expect(new Set(order).size).toBe(order.length);
    db.close();
  });

  it('orders by the primary key, every column when there is none', () => {
    const db = memory('CREATE TABLE a (x TEXT, y INTEGER, PRIMARY KEY (y, x)) STRICT; CREATE TABLE b (p TEXT, q TEXT) STRICT;');
    const t = Object.fromEntries(sqliteTables(db).map((x) => [x.name, x.orderBy]));
    expect(t).toEqual({ a: ['y', 'x'], b: ['p', 'q'] });
    db.close();
  });

  it('refuses an insert trigger that writes rows (copying would redo its effect)', () => {
    const db = memory(`CREATE TABLE a (id TEXT PRIMARY KEY) STRICT; CREATE TABLE log (id TEXT) STRICT;
      CREATE TRIGGER a_logged AFTER INSERT ON a BEGIN INSERT INTO log (id) VALUES (NEW.id); END;`);
    expect(() => sqliteTables(db)).toThrow(MigrateRefusal);
    expect(() => sqliteTables(db)).toThrow(/a_logged on a writes rows/);
    db.close();
  });

  it('refuses tables that depend on each other in a circle', () => {
    const db = memory('CREATE TABLE a (id TEXT PRIMARY KEY, b TEXT REFERENCES b(id)) STRICT; CREATE TABLE b (id TEXT PRIMARY KEY, a TEXT REFERENCES a(id)) STRICT;');
    expect(() => copyOrder(sqliteTables(db))).toThrow(/in a circle \(a → b → a\)/);
    db.close();
  });

  it('names the tables and columns only one side has', () => {
    const db = memory('CREATE TABLE a (id TEXT PRIMARY KEY, note TEXT) STRICT; CREATE TABLE gone (id TEXT) STRICT;');
    const pg: PgColumn[] = [
      { table: 'a', column: 'id', dataType: 'text' },
      { table: 'a', column: 'extra', dataType: 'bigint' },
      { table: 'fresh', column: 'id', dataType: 'text' },
    ];
    expect(() => compareSchemas(sqliteTables(db), pg)).toThrow(/only in the SQLite file: gone; only on PostgreSQL: fresh; a: columns only in SQLite note; columns only on PostgreSQL extra/);
    expect(() => compareSchemas(sqliteTables(db), [...pg.filter((c) => c.table === 'a' && c.column === 'id'), { table: 'a', column: 'note', dataType: 'text' }, { table: 'gone', column: 'id', dataType: 'text' }])).not.toThrow();
    db.close();
  });
});
