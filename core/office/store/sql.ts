// The office's SQL is written once, in the part of SQL both engines share; only parameter
// markers differ. SQLite takes `?`, `?NNN`, `@name`, `:name`, `$name`; PostgreSQL takes `$n`.
// toPostgres rewrites the markers (never inside quotes or comments) and says how to bind.

import { SqlArray } from '../../db/dialect.js';

export type Binding = { kind: 'positional'; index: number } | { kind: 'named'; name: string };
export type Translated = { sql: string; bindings: Binding[] };

const cache = new Map<string, Translated>();

export function toPostgres(sql: string): Translated {
  const hit = cache.get(sql);
  if (hit) return hit;
  const out: string[] = [];
  const bindings: Binding[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A quoted string or identifier; doubled quotes stay inside it.
      let j = i + 1;
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out.push(sql.slice(i, j + 1));
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      const end = j === -1 ? n : j;
      out.push(sql.slice(i, end));
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      const end = j === -1 ? n : j + 2;
      out.push(sql.slice(i, end));
      i = end;
    } else if (c === '?') {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j]!)) j++;
      const index = j > i + 1 ? Number(sql.slice(i + 1, j)) - 1 : positional++;
      bindings.push({ kind: 'positional', index });
      out.push(`$${bindings.length}`);
      i = j;
    } else if ((c === '@' || c === ':' || c === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '') && !(c === ':' && sql[i - 1] === ':')) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      const name = sql.slice(i + 1, j);
      let k = named.get(name);
      if (k === undefined) {
        bindings.push({ kind: 'named', name });
        named.set(name, (k = bindings.length));
      }
      out.push(`$${k}`);
      i = j;
    } else {
      out.push(c);
      i++;
    }
  }
  const t = { sql: out.join(''), bindings };
  if (cache.size > 5000) cache.clear();
  cache.set(sql, t);
  return t;
}

/** better-sqlite3's ways of passing parameters: values, arrays of values, one object of named values. */
export function bindValues(t: Translated, args: unknown[]): unknown[] {
  const positional: unknown[] = [];
  let bag: Record<string, unknown> | undefined;
  for (const a of args) {
    if (a instanceof SqlArray) positional.push(a);
    else if (Array.isArray(a)) positional.push(...a);
    else if (a !== null && typeof a === 'object' && !Buffer.isBuffer(a) && !(a instanceof Uint8Array) && !(a instanceof Date)) bag = { ...bag, ...(a as Record<string, unknown>) };
    else positional.push(a);
  }
  return t.bindings.map((b) => {
    if (b.kind === 'positional') {
      if (b.index >= positional.length) throw new RangeError('Too few parameter values were provided');
      return toPgValue(positional[b.index]);
    }
    if (!bag || !(b.name in bag)) throw new RangeError(`Missing named parameter "${b.name}"`);
    return toPgValue(bag[b.name]);
  });
}

function toPgValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof SqlArray) return pgArrayLiteral(v.values);
  if (typeof v === 'boolean') return v ? 1 : 0; // flags are INTEGER 0/1 on both engines
  if (typeof v === 'bigint') return v.toString();
  return v;
}

const NEEDS_ESCAPE = /[\\"]/;

/**
 * An array parameter as PostgreSQL's array text (`{"a","b\"c",NULL,1}`), built here rather than
 * by node-postgres in the worker: one string crosses to the worker instead of thousands, and
 * this loop (one test per element, quoting only what needs it) stays warm in the main thread.
 * The SQL casts it (`?::text[]`, `?::bigint[]`).
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = toPgValue(values[i]);
    if (v === null) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else {
      const s = String(v);
      out += `"${NEEDS_ESCAPE.test(s) ? s.replace(/[\\"]/g, '\\$&') : s}"`;
    }
  }
  return `${out}}`;
}
