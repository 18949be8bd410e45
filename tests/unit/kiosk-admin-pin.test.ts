// No PIN on a command line (issue #12): `kiosk:admin set-pin --pin …` is refused with the
// reason; the PIN is typed at the terminal with nothing echoed (asked twice), or piped in.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openKiosk } from '../../core/kiosk.js';
import { checkStaffPin, hasStaffPin } from '../../core/staff/pin.js';
import { readNewSecret } from '../../scripts/readSecret.js';

function fakeTerminal(): { input: PassThrough & { isTTY: boolean; setRawMode: (r: boolean) => void; raw: boolean }; out: PassThrough; shown: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true, raw: false, setRawMode(r: boolean) { input.raw = r; } });
  const out = new PassThrough();
  let shown = '';
  out.on('data', (c) => (shown += String(c)));
  return { input, out, shown: () => shown };
}

describe('reading a new PIN', () => {
  it('at a terminal: nothing typed is shown, and it is asked twice', async () => {
    const t = fakeTerminal();
    const read = readNewSecret('New staff PIN', t.input, t.out);
    await new Promise((r) => setImmediate(r));
    expect(t.input.raw).toBe(true);
    t.input.write('48291x\u007f6\r'); // a mistyped key, rubbed out
    await new Promise((r) => setImmediate(r));
    t.input.write('482916\r');
    expect(await read).toEqual({ value: '482916' });
    expect(t.shown()).not.toContain('4829');
    expect(t.shown()).toContain('New staff PIN again');
    expect(t.input.raw).toBe(false);
  });

  it('at a terminal: two different entries change nothing', async () => {
    const t = fakeTerminal();
    const read = readNewSecret('New staff PIN', t.input, t.out);
    await new Promise((r) => setImmediate(r));
    t.input.write('1111\r');
    await new Promise((r) => setImmediate(r));
    t.input.write('2222\r');
    expect(await read).toEqual({ error: expect.stringMatching(/not the same/) });
  });

  it('from a pipe: the first line', async () => {
    const input = new PassThrough();
    input.end('2468\nignored\n');
    expect(await readNewSecret('PIN', input, new PassThrough())).toEqual({ value: '2468' });
  });
});

// The built command (npm run build:node), as staff run it.
const script = path.resolve('dist/scripts/kioskAdmin.js');
describe.skipIf(!fs.existsSync(script))('kiosk:admin set-pin', () => {
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-admin-'));
  const run = (args: string[], stdin: string) => spawnSync(process.execPath, [script, ...args], { input: stdin, encoding: 'utf8', timeout: 30_000 });

  it('refuses --pin and says why; the kiosk stays without a PIN', () => {
    const dir = dataDir();
    const r = run(['set-pin', '--pin', '482916', '--data-dir', dir], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/shell history/);
    const k = openKiosk({ dataDir: dir, log: () => {} });
    try {
      expect(hasStaffPin(k.db)).toBe(false);
    } finally {
      k.close();
    }
  });

  it('sets the PIN piped on standard input', () => {
    const dir = dataDir();
    const r = run(['set-pin', '--data-dir', dir], '482916\n');
    expect(r.status).toBe(0);
    const k = openKiosk({ dataDir: dir, log: () => {} });
    try {
      expect(checkStaffPin(k.db, '482916', new Date(), 'rollCall').ok).toBe(true);
    } finally {
      k.close();
    }
  });
});
