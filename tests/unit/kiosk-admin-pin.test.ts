// No PIN on a command line (issue #12): `kiosk:admin set-pin --pin …` is refused with the
// reason; the PIN is typed at the terminal with nothing echoed (asked twice), or piped in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openKiosk } from '../../core/kiosk.js';
import { checkStaffPin, hasStaffPin } from '../../core/staff/pin.js';
import { readNewSecret } from '../../scripts/readSecret.js';
import { applySetPin, PIN_ON_COMMAND_LINE, readPinForSetPin } from '../../scripts/setPin.js';

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

describe('kiosk:admin set-pin', () => {
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-admin-'));

  it('refuses --pin and says why, before touching the kiosk', async () => {
    const piped = new PassThrough();
    piped.end('482916\n');
    const r = await readPinForSetPin('482916', piped, new PassThrough());
    expect(r).toEqual({ error: PIN_ON_COMMAND_LINE });
    expect(PIN_ON_COMMAND_LINE).toMatch(/shell history/);
  });

  it('refuses a piped PIN that is not 4 to 8 digits', async () => {
    const piped = new PassThrough();
    piped.end('12\n');
    expect(await readPinForSetPin(undefined, piped, new PassThrough())).toEqual({ error: expect.stringMatching(/4 to 8 digits/) });
  });

  it('sets the PIN piped on standard input: the kiosk is set up and the PIN opens the roll call', async () => {
    const piped = new PassThrough();
    piped.end('482916\n');
    const r = await readPinForSetPin(undefined, piped, new PassThrough());
    expect(r).toEqual({ pin: '482916' });
    const k = openKiosk({ dataDir: dataDir(), log: () => {} });
    try {
      expect(hasStaffPin(k.db)).toBe(false);
      applySetPin(k.db, (r as { pin: string }).pin);
      expect(checkStaffPin(k.db, '482916', new Date(), 'rollCall').ok).toBe(true);
    } finally {
      k.close();
    }
  });
});
