// The hub SIGKILLed with notices in its outbox, and in the middle of sending one. The outbox is
// in the database, written with the sign-in: what was queued is delivered after a restart. The
// one duplicate SMTP allows (the server accepted the message, the hub died before recording it)
// is sent again with the same Message-ID, and only that message (core/office/notifications/deliver.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { compileCore, PROJECT_ROOT } from '../support/compileCore.js';
import { disposeHub, eventSource } from '../support/officeDomain.js';
import { deliver, outbox, prepareNotifyHub, push } from '../support/notifyHub.js';
import { openTestHub, testHubDatabase } from '../support/postgres.js';
import { startTestSmtp, type TestSmtp } from '../support/smtpServer.js';
import { tempDir } from '../support/tempKiosk.js';
import fs from 'node:fs';

let compiled: string;
beforeAll(() => {
  compiled = compileCore(path.join(PROJECT_ROOT, 'node_modules', '.cache', `notify-crash-${process.pid}`), ['core', 'shared', 'tests/support']);
});
afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

let dataDir: string;
let hub: Hub;
let smtp: TestSmtp;
beforeEach(async () => {
  dataDir = tempDir('notify-crash-');
  hub = openTestHub({ dataDir, log: () => {} });
  smtp = await startTestSmtp();
  prepareNotifyHub(hub, smtp.port);
});
afterEach(async () => {
  await smtp.stop();
  disposeHub(hub);
});

function worker(mode: 'queue' | 'deliver', env: Record<string, string> = {}): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<NodeJS.Signals | null> } {
  const db = testHubDatabase(dataDir);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'tests', 'support', 'notifyWorker.mjs'), compiled, dataDir, mode, ...(db ? [JSON.stringify(db)] : [])], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err, exited: new Promise((r) => child.once('exit', (_c, sig) => r(sig))) };
}

async function until(what: string, ok: () => boolean, ms = 20_000, why = () => ''): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${why()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the hub killed with notices queued', () => {
  it('delivers each of them, once, after it is started again', async () => {
    await smtp.stop(); // the mail server is down while visitors sign in
    hub.close();
    const w = worker('queue');
    await until('the worker to queue its sign-ins', () => w.out().includes('queued'), 20_000, w.err);
    await new Promise((r) => setTimeout(r, 300)); // it tries (and fails) to send them
    w.child.kill('SIGKILL');
    expect(await w.exited).toBe('SIGKILL');

    await smtp.start();
    hub = openTestHub({ dataDir, log: () => {} }); // the restart
    expect(outbox(hub).map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    const later = () => new Date(Date.now() + 2 * 60 * 60_000); // past any backoff or claim
    expect(await deliver(hub, later)).toMatchObject({ sent: 3 });
    expect(await deliver(hub, later)).toMatchObject({ tried: 0 });
    await smtp.waitFor(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.map((r) => r.mail.subject).sort()).toEqual([0, 1, 2].map((i) => `Your visitor has signed in: Crash Visitor ${i}`));
  });
});

describe('the hub killed in the middle of sending', () => {
  it('sends that message again after its claim expires: the one duplicate SMTP allows, with the same Message-ID', async () => {
    push(hub, eventSource('k-1').arrive({ fullName: 'Mid Send', at: new Date().toISOString() }).events, new Date());
    hub.close();
    const w = worker('deliver');
    // The server has the whole message; before it answers 250, the hub dies.
    smtp.onMessage = async () => {
      w.child.kill('SIGKILL');
      await w.exited;
    };
    await until('the message to arrive', () => smtp.received.length === 1, 20_000, w.err);
    expect(await w.exited).toBe('SIGKILL');
    smtp.onMessage = undefined;

    hub = openTestHub({ dataDir, log: () => {} });
    const [row] = outbox(hub);
    expect(row).toMatchObject({ status: 'queued', attempts: 0 }); // never recorded as sent
    // Its claim holds until it expires (the dead process might only have been slow)...
    expect(await deliver(hub, () => new Date())).toMatchObject({ tried: 0 });
    // ...then it is sent again.
    expect(await deliver(hub, () => new Date(Date.now() + 5_000))).toMatchObject({ sent: 1 });
    await smtp.waitFor(2);
    const [first, second] = smtp.received;
    expect(first!.mail.messageId).toBe(`<${row!.id}@phone-safe-hub>`);
    expect(second!.mail.messageId).toBe(first!.mail.messageId);
    expect(outbox(hub)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });
});

describe('two hub processes sharing one outbox', () => {
  it('deliver each message once', async () => {
    const src = eventSource('k-1');
    for (let i = 0; i < 30; i++) push(hub, src.arrive({ fullName: `Shared Visitor ${i}`, at: new Date().toISOString() }).events, new Date());
    hub.close();
    const workers = [worker('deliver', { NOTIFY_HOLD_MS: '60000' }), worker('deliver', { NOTIFY_HOLD_MS: '60000' })];
    try {
      await until('every message to arrive', () => smtp.received.length >= 30, 30_000, () => workers.map((w) => w.err()).join('\n'));
      await new Promise((r) => setTimeout(r, 500)); // time for a duplicate to show up, if there were one
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
    }
    expect(smtp.received).toHaveLength(30);
    expect(new Set(smtp.received.map((r) => r.mail.messageId)).size).toBe(30);
    hub = openTestHub({ dataDir, log: () => {} });
    expect(new Set(outbox(hub).map((r) => r.status))).toEqual(new Set(['sent']));
  });
});
