// What visitors type reaches the printer only as printable text: names with printer control
// bytes, emoji, Arabic, Polish and 200 characters go through a real sign-in, the print queue and
// a TCP socket to the virtual printer, which decodes what it got. Nothing may decode as a
// command we did not send, and each badge is rendered to PNG for people to look at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { commandNames, endsWithCut, images, plainText, qrPayloads } from '../../core/printing/virtual/document.js';
import { renderPng } from '../../core/printing/virtual/render.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import type { PrintWorker } from '../../core/printing/worker.js';
import { signInInput, tempDir } from '../support/tempKiosk.js';

const OUT = path.resolve(import.meta.dirname, '../../test-results/printed-badges');

/** Every command a badge job may contain: anything else came from somewhere it should not. */
const OURS = /^(ESC @|ESC t|ESC a|ESC !|ESC E|GS B|GS !|ESC d|GS V|GS \( k|GS v 0|LF|DLE EOT|ESC - |ESC 2|ESC 3)/;

const NAMES: [string, string, RegExp | null][] = [
  ['escape-bytes', 'Jane\u001b@\u001dV\u0000Smith\u0010\u0004\u0001', /Jane ?@?V?Smith/],
  ['emoji', 'Sam 🙂 Lee 👩‍👩‍👧', /Sam +Lee/],
  ['arabic', 'محمد عبد الرحمن', null], // drawn as an image in its own script
  ['polish', 'Łukasz Żółć-Wiśniewski', /Łukasz Żółć-Wiśniewski/],
  ['long-200', `${'Bartholomew '.repeat(16)}Smithsonian-Fitzgerald-Okonkwo`.slice(0, 200), /Bartholomew/],
];

let printer: VirtualPrinter;
let kiosk: Kiosk;

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  printer = await startVirtualPrinter({ port: 0, model: 'epson' });
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, timeoutMs: 2000 } }));
  kiosk = openKiosk({ dataDir: dir, log: () => {} }); // the worker runs per test, after the job is set up
});

afterAll(async () => {
  kiosk.close();
  await printer.close();
});

describe('a badge for a name that could break a printer', () => {
  for (const [label, typed, shown] of NAMES) {
    it(`prints "${label}" as readable text, with no stray printer commands`, async () => {
      // The contract refuses control characters at the kiosk; the badge code must cope anyway,
      // so a name with them is stored the way an older or different client could have.
      const clean = typed.replace(/[\u0000-\u001f]/g, '');
      const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: clean, phone: { choice: 'locker', lockerId: `L${NAMES.findIndex((n) => n[0] === label) + 1}` } }));
      if (typed !== clean)
        kiosk.db.prepare("UPDATE print_jobs SET payload = json_set(payload, '$.fullName', ?) WHERE visit_id = ?").run(typed, r.visitId);
      printer.clearJobs();
      const worker: PrintWorker = kiosk.startPrinting();
      const [job] = await printer.waitForJobs(1, 10_000).finally(() => worker.stop());
      const doc = job!.document;
      fs.writeFileSync(path.join(OUT, `${label}.png`), renderPng(doc));

      expect(doc.unknown).toEqual([]);
      expect(commandNames(doc).filter((c) => !OURS.test(c))).toEqual([]);
      expect(qrPayloads(doc)).toEqual([r.badgeCode]);
      expect(endsWithCut(doc)).toBe(true);
      const text = plainText(doc);
      expect(text).toMatch(/PHONE IN LOCKER \d/);
      if (shown) expect(text.replace(/\s+/g, ' ')).toMatch(shown);
      else expect(images(doc).length).toBeGreaterThan(2); // the name as a picture, beside the rules
    });
  }
});
