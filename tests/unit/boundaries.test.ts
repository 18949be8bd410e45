// The layout's rules, checked on every import so they hold by test, not by hope:
// shared/ is platform-free, the screens reach only shared/, the core never imports electron,
// and only core/db talks to better-sqlite3.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.(c|m)?tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2] ?? m[3])!,
  );
}

function offenders(dir: string, bad: (spec: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((f) => imports(f).filter((s) => bad(s, f)).map((s) => `${f} imports ${s}`));
}

const isNode = (s: string) => s.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'child_process', 'url', 'util'].includes(s);

describe('module boundaries', () => {
  it('shared/ imports neither Node, Electron, the database nor the core', () => {
    expect(offenders('shared', (s) => isNode(s) || s === 'electron' || s === 'better-sqlite3' || s.includes('/core/'))).toEqual([]);
  });

  it('the kiosk screens import only the shared contract, never the core, Node or Electron', () => {
    expect(
      offenders('renderer/src', (s) => isNode(s) || s === 'electron' || s === 'better-sqlite3' || /(^|\/)(core|electron)\//.test(s)),
    ).toEqual([]);
  });

  it('the office console imports only the shared contract, never the core, Node or Electron', () => {
    expect(
      offenders('renderer/console/src', (s) => isNode(s) || s === 'electron' || s === 'better-sqlite3' || /(^|\/)(core|electron)\//.test(s)),
    ).toEqual([]);
  });

  it('the domain core never imports electron', () => {
    expect(offenders('core', (s) => s === 'electron' || s.startsWith('electron/'))).toEqual([]);
  });

  it('only core/db imports better-sqlite3 at run time', () => {
    expect(
      offenders('core', (s, f) => s === 'better-sqlite3' && !f.startsWith(path.join('core', 'db'))),
    ).toEqual([]);
  });

  it('the preload requires nothing but electron', () => {
    expect(imports('electron/preload.cts').filter((s) => s !== 'electron' && !s.startsWith('../shared/'))).toEqual([]);
  });
});
