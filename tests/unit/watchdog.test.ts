// The watchdog log: JSON lines, size-capped rotation, and never an exception into the kiosk,
// whatever the disk does (full, read-only, gone) or whatever the detail is (cycles, BigInt, huge).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWatchdogLog, WATCHDOG_FILE, WATCHDOG_MAX_LINE, watchdogLine, type WatchdogFs } from '../../core/watchdog.js';
import { tempDir } from '../support/tempKiosk.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir('kiosk-watchdog-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { time: string; event: string; detail?: unknown });

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** The real file system with some calls failing. */
function failingFs(fail: Partial<Record<keyof WatchdogFs, string>>): WatchdogFs {
  const wrap =
    <K extends keyof WatchdogFs>(name: K) =>
    (...args: unknown[]) => {
      if (fail[name]) throw errnoError(fail[name]!);
      return (fs[name] as (...a: unknown[]) => unknown)(...args);
    };
  return {
    appendFileSync: wrap('appendFileSync'),
    statSync: wrap('statSync'),
    renameSync: wrap('renameSync'),
    rmSync: wrap('rmSync'),
    mkdirSync: wrap('mkdirSync'),
  } as unknown as WatchdogFs;
}

describe('watchdog.log lines', () => {
  it('appends one JSON object per event: time, event, detail', () => {
    const d = dir();
    const at = new Date('2026-11-25T09:14:03.120Z');
    const log = openWatchdogLog(d, { now: () => at });
    expect(log.file).toBe(path.join(d, WATCHDOG_FILE));
    expect(log.write('start', { version: '0.1.0', packaged: true })).toBe(true);
    expect(log.write('renderer-gone', { reason: 'crashed', exitCode: 139 })).toBe(true);
    expect(log.write('quit')).toBe(true);
    expect(lines(log.file)).toEqual([
      { time: '2026-11-25T09:14:03.120Z', event: 'start', detail: { version: '0.1.0', packaged: true } },
      { time: '2026-11-25T09:14:03.120Z', event: 'renderer-gone', detail: { reason: 'crashed', exitCode: 139 } },
      { time: '2026-11-25T09:14:03.120Z', event: 'quit' },
    ]);
  });

  it('records errors by name, message and stack, and survives cycles, BigInt and functions', () => {
    const log = openWatchdogLog(dir());
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const err = Object.assign(new TypeError('database is locked'), { code: 'SQLITE_BUSY' });
    expect(log.write('print-worker-died', { error: err, cyclic, big: 10n, fn: () => 1 })).toBe(true);
    const [line] = lines(log.file);
    const detail = line!.detail as Record<string, Record<string, unknown>>;
    expect(detail.error).toMatchObject({ name: 'TypeError', message: 'database is locked', code: 'SQLITE_BUSY' });
    expect(String(detail.error!.stack)).toContain('database is locked');
    expect(detail.cyclic).toEqual({ a: 1, self: '[circular]' });
    expect(detail.big).toBe('10');
  });

  it('cuts a huge detail down so one line stays small', () => {
    const line = watchdogLine(new Date(), 'main-uncaught-exception', { text: 'ж'.repeat(100_000) });
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(WATCHDOG_MAX_LINE);
    expect(JSON.parse(line)).toMatchObject({ event: 'main-uncaught-exception', detail: { truncated: true } });
  });

  it('makes the data folder again if it went away', () => {
    const d = path.join(dir(), 'not', 'yet');
    const log = openWatchdogLog(d);
    expect(log.write('start')).toBe(true);
    expect(lines(log.file)).toHaveLength(1);
  });
});

describe('rotation', () => {
  it('keeps each file under the cap and only the newest `keep` old files, newest line last', () => {
    const d = dir();
    const log = openWatchdogLog(d, { maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 200; i++) expect(log.write('renderer-reload', { n: i, delayMs: 0 })).toBe(true);
    const files = fs.readdirSync(d).sort();
    expect(files).toEqual([WATCHDOG_FILE, `${WATCHDOG_FILE}.1`, `${WATCHDOG_FILE}.2`]);
    for (const f of files) expect(fs.statSync(path.join(d, f)).size).toBeLessThanOrEqual(1000);
    // Oldest to newest across .2, .1 and the current file: consecutive numbers ending with 199.
    const ns = [`${WATCHDOG_FILE}.2`, `${WATCHDOG_FILE}.1`, WATCHDOG_FILE].flatMap((f) => lines(path.join(d, f)).map((l) => (l.detail as { n: number }).n));
    expect(ns.at(-1)).toBe(199);
    expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => 200 - ns.length + i));
  });

  it('rotates a file left over from an earlier run once it is over the cap', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, WATCHDOG_FILE), 'x'.repeat(5000) + '\n');
    const log = openWatchdogLog(d, { maxBytes: 4096 });
    log.write('start');
    expect(lines(log.file)).toHaveLength(1);
    expect(fs.statSync(`${log.file}.1`).size).toBe(5001);
  });
});

describe('a disk that fails never crashes the kiosk', () => {
  it('disk full: write returns false, counts the loss, tells once, and recovers when space is back', () => {
    const d = dir();
    const onError = vi.fn();
    let full = true;
    const fsImpl = {
      ...failingFs({}),
      appendFileSync: (...a: unknown[]) => {
        if (full) throw errnoError('ENOSPC');
        return (fs.appendFileSync as (...x: unknown[]) => void)(...a);
      },
    } as WatchdogFs;
    const log = openWatchdogLog(d, { fs: fsImpl, onError });
    expect(() => log.write('renderer-gone', { reason: 'oom' })).not.toThrow();
    expect(log.write('renderer-reload')).toBe(false);
    expect(log.dropped).toBe(2);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatch(/cannot be written.*ENOSPC/);
    full = false;
    expect(log.write('renderer-reload')).toBe(true);
    expect(lines(log.file).map((l) => l.event)).toEqual(['renderer-reload']);
  });

  it('read-only file system: nothing thrown, even when rotation is due', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, WATCHDOG_FILE), 'x'.repeat(3000) + '\n');
    const log = openWatchdogLog(d, { maxBytes: 1000, fs: failingFs({ appendFileSync: 'EROFS', renameSync: 'EROFS', rmSync: 'EROFS', mkdirSync: 'EROFS' }) });
    expect(() => log.write('start')).not.toThrow();
    expect(log.write('start')).toBe(false);
  });

  it('rotation impossible but appending possible: appends up to twice the cap, then drops lines', () => {
    const d = dir();
    const log = openWatchdogLog(d, { maxBytes: 1000, fs: failingFs({ renameSync: 'EPERM' }) });
    let written = 0;
    for (let i = 0; i < 100; i++) if (log.write('renderer-reload', { n: i })) written++;
    expect(written).toBeGreaterThan(0);
    expect(log.dropped).toBeGreaterThan(0);
    expect(fs.statSync(log.file).size).toBeLessThanOrEqual(2000);
  });

  it('a data "folder" that is a file (ENOTDIR, as on a broken mount) and a throwing reporter', () => {
    const notADir = path.join(dir(), 'file');
    fs.writeFileSync(notADir, 'not a folder');
    const log = openWatchdogLog(notADir, {
      onError: () => {
        throw new Error('the reporter is broken too');
      },
    });
    expect(() => log.write('start', { pid: 1 })).not.toThrow();
    expect(log.write('start')).toBe(false);
    expect(log.dropped).toBe(2);
  });

  it('a clock or detail that throws costs the line only', () => {
    const log = openWatchdogLog(dir(), {
      now: () => {
        throw new Error('clock');
      },
    });
    expect(log.write('start')).toBe(false);
    const ok = openWatchdogLog(dir());
    const hostile = {
      get boom() {
        throw new Error('getter');
      },
    };
    expect(() => ok.write('x', hostile)).not.toThrow();
  });
});
