// A push's events and visits reach the hub as multi-row INSERTs (core/db/dialect.ts rowsSource):
// row by row on SQLite, one array per column on PostgreSQL (a JSON column as one JSON array). Whatever a kiosk sent
// (quotes, braces, backslashes, commas, the word NULL, scripts of every kind, huge numbers, a
// JSON body) comes back exactly as it went in, on both engines, and NULL stays NULL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsPerStatement, rowsSource, SqlArray, type ColumnType } from '../../core/db/dialect.js';
import { bindValues, pgArrayLiteral, toPostgres } from '../../core/office/store/sql.js';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from '../support/postgres.js';

let hub: Hub;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'office-bulk-rows-'));
  hub = openTestHub({ dataDir: dir, log: () => {} });
  hub.db.exec('CREATE TABLE bulk_rows (n BIGINT, a TEXT, b TEXT, j TEXT)');
});
afterAll(() => {
  hub.db.exec('DROP TABLE bulk_rows');
  hub.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TYPES: ColumnType[] = ['bigint', 'text', 'text', 'json'];
type Row = [number, string | null, string | null, unknown];

/** Rows in, rows out; the 'json' cell comes back as the text it was stored as. */
function roundTrip(rows: Row[]): [number, string | null, string | null, string | null][] {
  return hub.db.transaction(() => {
    hub.db.exec('DELETE FROM bulk_rows');
    const src = rowsSource(hub.db, TYPES, rows);
    hub.db.prepare(`INSERT INTO bulk_rows (n, a, b, j) ${src.sql}`).run(...src.params);
    const back = hub.db.prepare('SELECT n, a, b, j FROM bulk_rows ORDER BY n').all() as { n: number; a: string | null; b: string | null; j: string | null }[];
    return back.map((r): [number, string | null, string | null, string | null] => [r.n, r.a, r.b, r.j]);
  })();
}
const stored = (rows: Row[]) => rows.map(([n, a, b, j]) => [n, a, b, j === null ? null : JSON.stringify(j)]); // a JSON null is SQL NULL

// PostgreSQL text cannot hold NUL; the kiosk refuses control characters long before this.
const text = fc.oneof(fc.constant(null), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('NULL', '{}', '{"a","b"}', '\\', '"', "'", ',', ' ', '', 'a\nb', '\u202Eevil', 'ملف', 'Кузьменко', 'Łódź'))
  .map((s) => (s === null ? null : s.replace(/\u0000/g, '')));

describe('multi-row INSERTs on this engine', () => {
  it('bring back every value as sent, NULL as NULL', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.oneof(fc.constant(null), fc.jsonValue())), { minLength: 1, maxLength: 60 }), (triples) => {
        const rows: Row[] = triples.map(([a, b, j], i) => [i * 1_000_000_007, a, b, j]);
        // A JSON body is stored as JSON.stringify writes it, byte for byte, on both engines.
        expect(roundTrip(rows)).toEqual(stored(rows));
      }),
      { numRuns: 40 },
    );
  });

  it('on PostgreSQL a batch is one statement of one shape; on SQLite it stays under the parameter bound', () => {
    const many: Row[] = Array.from({ length: 5000 }, (_, i) => [i, `visitor ${i}`, null, { kind: 'arrived', n: i }]);
    expect(roundTrip(many)).toHaveLength(5000);
    if (hub.engine === 'postgres') {
      expect(rowsPerStatement(hub.db, 1000)).toBe(Number.POSITIVE_INFINITY);
      expect(rowsSource(hub.db, TYPES, many).params).toHaveLength(4);
      expect(rowsSource(hub.db, TYPES, many).sql).toBe(rowsSource(hub.db, TYPES, many.slice(0, 2)).sql);
    } else {
      expect(rowsPerStatement(hub.db, 1000)).toBe(1000);
    }
  });
});

describe('text that is not well formed', () => {
  it('a lone surrogate is stored as U+FFFD on both engines, the rest of the row intact', () => {
    const rows: Row[] = [[1, 'a\uD800b', 'ok', { note: 'x' }]];
    expect(roundTrip(rows)).toEqual([[1, 'a\uFFFDb', 'ok', '{"note":"x"}']]);
  });
});

describe('an array parameter', () => {
  it('is bound as one value, PostgreSQL array text (better-sqlite3 spreads a plain array into several)', () => {
    const t = toPostgres('SELECT * FROM unnest(?::text[], ?::bigint[]) WHERE ? = 1');
    expect(bindValues(t, [new SqlArray(['a', null, undefined]), new SqlArray([1, 2, 3]), [true]])).toEqual(['{"a",NULL,NULL}', '{1,2,3}', 1]);
  });

  it('quotes every text element and escapes only quotes and backslashes', () => {
    expect(pgArrayLiteral(['NULL', 'a"b', 'c\\d', '{x,y}', ' ', '', true, 7])).toBe('{"NULL","a\\"b","c\\\\d","{x,y}"," ","",1,7}');
  });
});
