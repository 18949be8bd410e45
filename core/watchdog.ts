// The watchdog log: what happened to the kiosk while nobody was watching (a renderer that crashed
// or hung and was reloaded, a helper process that died, the print worker dying and restarting, an
// uncaught error in the main process). One JSON object per line in <dataDir>/watchdog.log:
//
//   {"time":"2026-11-25T09:14:03.120Z","event":"renderer-gone","detail":{"reason":"crashed","exitCode":139}}
//
// Size-capped: past maxBytes the file is rotated to watchdog.log.1 (… up to .<keep>), so a crash
// loop cannot fill the disk. Writing never throws: a full or read-only disk, a missing folder or
// a detail that cannot be serialised costs the line, never the kiosk. Synchronous on purpose: the
// events are rare, and the line should be on disk before whatever comes next (often a crash).
// Plain Node: used by the Electron main process and the browser-kiosk host alike.
import nodeFs from 'node:fs';
import path from 'node:path';

export const WATCHDOG_FILE = 'watchdog.log';
export const WATCHDOG_MAX_BYTES = 1024 * 1024;
export const WATCHDOG_KEEP = 3;
/** Longest line written; a bigger detail is cut down to a prefix of its JSON. */
export const WATCHDOG_MAX_LINE = 8 * 1024;

export type WatchdogFs = Pick<typeof nodeFs, 'appendFileSync' | 'statSync' | 'renameSync' | 'rmSync' | 'mkdirSync'>;

export type WatchdogOptions = {
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  now?: () => Date;
  /** For tests: a file system that fails the way disks do. */
  fs?: WatchdogFs;
  /** Told when writing starts failing (once, until a write succeeds again). */
  onError?: (message: string, err: unknown) => void;
};

export type WatchdogLog = {
  readonly file: string;
  /** Appends one line; false when it could not be written (never throws). */
  write(event: string, detail?: unknown): boolean;
  /** Lines lost to write errors since the log was opened. */
  readonly dropped: number;
};

/** A JSON-safe copy of an event detail: errors as name/message/stack, no cycles, no BigInt. */
export function plainDetail(detail: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v instanceof Error) {
      const out: Record<string, unknown> = { name: v.name, message: v.message };
      if (v.stack) out.stack = v.stack.split('\n').slice(0, 8).join('\n');
      const code = (v as { code?: unknown }).code;
      if (typeof code === 'string' || typeof code === 'number') out.code = code;
      return out;
    }
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'function' || typeof v === 'symbol') return String(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[circular]';
    if (depth > 6) return '[too deep]';
    seen.add(v);
    if (Array.isArray(v)) return v.slice(0, 50).map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v).slice(0, 50)) out[k] = walk(x, depth + 1);
    return out;
  };
  try {
    return walk(detail, 0);
  } catch {
    return '[unserialisable]';
  }
}

/** One log line (without the newline), never longer than WATCHDOG_MAX_LINE. */
export function watchdogLine(time: Date, event: string, detail?: unknown): string {
  const record: Record<string, unknown> = { time: time.toISOString(), event: String(event).slice(0, 100) };
  if (detail !== undefined) record.detail = plainDetail(detail);
  let line: string;
  try {
    line = JSON.stringify(record);
  } catch {
    line = JSON.stringify({ time: record.time, event: record.event, detail: '[unserialisable]' });
  }
  if (Buffer.byteLength(line) <= WATCHDOG_MAX_LINE) return line;
  const text = JSON.stringify(record.detail ?? null);
  let cut = text.slice(0, WATCHDOG_MAX_LINE - 200);
  // Keep within the byte limit whatever the script of the text.
  while (Buffer.byteLength(cut) > WATCHDOG_MAX_LINE - 200) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return JSON.stringify({ time: record.time, event: record.event, detail: { truncated: true, json: cut } });
}

export function openWatchdogLog(dataDir: string, opts: WatchdogOptions = {}): WatchdogLog {
  const fs = opts.fs ?? nodeFs;
  const maxBytes = opts.maxBytes ?? WATCHDOG_MAX_BYTES;
  const keep = Math.max(1, opts.keep ?? WATCHDOG_KEEP);
  const now = opts.now ?? (() => new Date());
  const file = path.join(dataDir, WATCHDOG_FILE);
  let dropped = 0;
  let failing = false;

  function sizeNow(): number {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0; // not there yet
    }
  }

  function rotate(): void {
    fs.rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    fs.renameSync(file, `${file}.1`);
  }

  function report(err: unknown): void {
    dropped++;
    if (failing) return;
    failing = true;
    try {
      opts.onError?.(`the watchdog log ${file} cannot be written (${(err as Error)?.message ?? String(err)}); carrying on without it`, err);
    } catch {
      // a failing reporter must not fail the kiosk either
    }
  }

  return {
    file,
    get dropped() {
      return dropped;
    },
    write(event, detail) {
      try {
        const line = `${watchdogLine(now(), event, detail)}\n`;
        const size = sizeNow();
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) {
          try {
            rotate();
          } catch (e) {
            // Cannot rotate (e.g. read-only): only append while under the cap, so the file stays bounded.
            if (size + Buffer.byteLength(line) > maxBytes * 2) throw e;
          }
        }
        try {
          fs.appendFileSync(file, line);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          fs.mkdirSync(dataDir, { recursive: true }); // the data folder went away: make it again
          fs.appendFileSync(file, line);
        }
        failing = false;
        return true;
      } catch (e) {
        report(e);
        return false;
      }
    },
  };
}
