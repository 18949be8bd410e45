/**
 * A seeded office hub database built once and kept in the bench's work folder, and a fresh copy of
 * it for each run (so a run's writes never reach the cache).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../core/db/open.js';
import { HUB_DB_FILE_NAME, openHub, type Hub } from '../../core/office/hub.js';

/** What every seed's metadata file records; the cache is used only if both still match. */
export type CachedSeedMeta = { fingerprint: string; fileBytes: number };

/**
 * The cached seed for `key` if its fingerprint and file size still match, otherwise a new one made
 * by `build` in a scratch folder and moved into place (metadata written last, so a half-built seed
 * is never taken for a good one).
 */
export function cachedHubSeed<M extends CachedSeedMeta>(opts: {
  workDir: string;
  key: string;
  fingerprint: string;
  /** Said before building, e.g. "the office hub database". */
  what: string;
  build: (dir: string, say: (s: string) => void) => M;
  say: (s: string) => void;
}): { file: string; meta: M; cached: boolean } {
  const { workDir, key, fingerprint, say } = opts;
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `${key}.sqlite3`);
  const metaFile = path.join(workDir, `${key}.json`);
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as M;
    if (meta.fingerprint === fingerprint && fs.statSync(file).size === meta.fileBytes) return { file, meta, cached: true };
  } catch {
    // no usable cache: build it
  }
  const buildDir = fs.mkdtempSync(path.join(workDir, 'build-'));
  try {
    say(`Building ${opts.what} (once; cached for later runs)…`);
    const meta = opts.build(buildDir, say);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(path.join(buildDir, HUB_DB_FILE_NAME + suffix), { force: true });
    fs.renameSync(path.join(buildDir, HUB_DB_FILE_NAME), file);
    meta.fileBytes = fs.statSync(file).size;
    fs.writeFileSync(`${metaFile}.tmp`, JSON.stringify(meta, null, 2));
    fs.renameSync(`${metaFile}.tmp`, metaFile);
    return { file, meta, cached: false };
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}

/** Open a copy of the seed in `runDir`; anything the office core logs fails the bench. */
export function openSeedCopy(seedFile: string, runDir: string, now?: () => Date): Hub {
  fs.copyFileSync(seedFile, path.join(runDir, HUB_DB_FILE_NAME), fs.constants.COPYFILE_FICLONE);
  return openHub({
    dataDir: runDir,
    ...(now ? { now } : {}),
    log: (m, e) => {
      throw new Error(`office core logged: ${m}: ${e instanceof Error ? e.stack : String(e)}`);
    },
  });
}

/**
 * Seeding inserts in batches of `rowsPerInsert` rows a statement (keep columns x rows under
 * SQLite's 32,766 bound parameters); `flush` writes what is left, one row a statement.
 */
export function batchInserter(db: Db, table: string, columns: readonly string[], rowsPerInsert: number): { add: (row: unknown[]) => void; flush: () => void; one: (row: unknown[]) => void } {
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const many = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rowsPerInsert }, () => placeholders).join(', ')}`);
  const single = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`);
  let batch: unknown[][] = [];
  const flush = () => {
    if (batch.length === rowsPerInsert) many.run(batch.flat());
    else for (const r of batch) single.run(r);
    batch = [];
  };
  return {
    add: (row) => {
      batch.push(row);
      if (batch.length === rowsPerInsert) flush();
    },
    flush,
    one: (row) => void single.run(row),
  };
}
