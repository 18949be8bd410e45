// Prepared statements, cached per connection: preparing costs more than running the small
// statements a sign-in makes, and a kiosk asks the same ~20 questions all day.
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  // pluck() changes the statement itself: a caller that plucked must not change what the next
  // caller of the same SQL gets (a hub once lost its identity that way), so each starts plain.
  else if (s.reader !== false) s.pluck(false); // (the PostgreSQL store's statements have no `reader`)
  return s;
}

type Tx<A extends unknown[], R> = Database.Transaction<(...args: A) => R>;
const txCaches = new WeakMap<Database.Database, Map<Function, Tx<never[], unknown>>>();

/** db.transaction(fn), built once per connection and function (building it is not free). */
export function transaction<A extends unknown[], R>(db: Database.Database, fn: (...args: A) => R): Tx<A, R> {
  let cache = txCaches.get(db);
  if (!cache) txCaches.set(db, (cache = new Map()));
  let tx = cache.get(fn) as Tx<A, R> | undefined;
  if (!tx) cache.set(fn, (tx = db.transaction(fn) as unknown as Tx<A, R>) as unknown as Tx<never[], unknown>);
  return tx;
}
