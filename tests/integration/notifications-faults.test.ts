// Notifications when things go wrong: the mail server down during sign-ins, a server that takes
// the connection and never answers, a Teams/webhook receiver answering 500, two hub processes
// delivering from one database, and a visitor name made to look like mail headers.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { backoffMs } from '../../core/office/notifications/outbox.js';
import { notifyArrivals } from '../../core/office/notifications/notices.js';
import { ingestEvents } from '../../core/office/visits/projection.js';
import { openTestHub } from '../support/postgres.js';
import { ACTORS, disposeHub, eventSource } from '../support/officeDomain.js';
import { deliver, outbox, push, smtpSettings, notifyTestHub } from '../support/notifyHub.js';
import type { TestSmtp } from '../support/smtpServer.js';
import type { Clock } from '../support/tempKiosk.js';

let hub: Hub;
let clock: Clock;
let smtp: TestSmtp;
beforeEach(async () => {
  ({ hub, clock, smtp } = await notifyTestHub());
});
afterEach(async () => {
  await smtp.stop();
  disposeHub(hub);
});

const signIns = (n: number) => {
  const src = eventSource('k-1');
  for (let i = 0; i < n; i++) push(hub, src.arrive({ fullName: `Visitor ${i}`, at: clock.now().toISOString() }).events, clock.now());
};

describe('the mail server down during sign-ins', () => {
  it('keeps the notices queued with the reason, and delivers each once when it is back', async () => {
    await smtp.stop();
    signIns(3);
    expect(await deliver(hub, clock.now)).toMatchObject({ tried: 3, retrying: 3 });
    const rows = outbox(hub);
    expect(rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    expect(rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Backoff: nothing is tried again before it is due.
    clock.advance(backoffMs(1) - 1000);
    expect(await deliver(hub, clock.now)).toMatchObject({ tried: 0 });
    clock.advance(1000);
    expect(await deliver(hub, clock.now)).toMatchObject({ retrying: 3 });
    expect(outbox(hub).map((r) => r.attempts)).toEqual([2, 2, 2]);

    await smtp.start();
    clock.advance(backoffMs(2));
    expect(await deliver(hub, clock.now)).toMatchObject({ sent: 3 });
    clock.advance(24 * 60 * 60_000);
    expect(await deliver(hub, clock.now)).toMatchObject({ tried: 0 });
    await smtp.waitFor(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.map((r) => r.mail.subject).sort()).toEqual(['Your visitor has signed in: Visitor 0', 'Your visitor has signed in: Visitor 1', 'Your visitor has signed in: Visitor 2']);
  });

  it('gives up after the last try, and says so', async () => {
    await smtp.stop();
    signIns(1);
    for (let i = 0; i < 10; i++) {
      await deliver(hub, clock.now);
      clock.advance(60 * 60_000);
    }
    expect(outbox(hub)).toMatchObject([{ status: 'given_up', attempts: 10 }]);
  });
});

describe('a mail server that takes the connection and never answers', () => {
  it('does not hold up a sign-in: the push commits at once, the worker times out and retries later', async () => {
    smtp.mode = 'hang';
    signIns(1);
    const sending = deliver(hub, clock.now); // the worker is stuck on the hung server...
    const t0 = performance.now();
    signIns(1); // ...and a sign-in still goes straight through
    expect(performance.now() - t0).toBeLessThan(500);
    // Both are tried in this run (the second in its next round); both wait for a retry.
    expect(await sending).toMatchObject({ retrying: 2, sent: 0 });
    expect(outbox(hub).map((r) => r.status)).toEqual(['queued', 'queued']);
    expect(outbox(hub)[0]!.last_error).toMatch(/timeout|greeting/i);
  });
});

describe('a Teams / generic webhook', () => {
  it('gets the notice as JSON, retried after a 500', async () => {
    const got: { status: number; body: Record<string, unknown> }[] = [];
    const answers = [500, 200];
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const status = answers.shift() ?? 200;
        got.push({ status, body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 500 ? 'temporarily broken' : '1');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as { port: number }).port;
      const s = smtpSettings(smtp.port);
      hub.core.run(
        'notifications.save',
        {
          settings: {
            ...s,
            smtp: { ...s.smtp, enabled: false },
            webhooks: [{ id: 'safeguarding-team', name: 'Safeguarding team (Teams)', url: `http://127.0.0.1:${port}/webhook` }],
            routes: { ...s.routes, concern_logged: { ...s.routes.concern_logged, webhooks: ['safeguarding-team'] } },
          },
        },
        ACTORS.admin,
      );
      hub.core.run('breaches.log', { person: 'Man in a blue coat', location: 'Year 2 corridor', what: 'Filming', actionTaken: 'Stopped', visitId: null }, ACTORS.office);
      expect(await deliver(hub, clock.now)).toMatchObject({ retrying: 1 });
      expect(outbox(hub)[0]).toMatchObject({ status: 'queued', last_error: 'HTTP 500: temporarily broken' });
      clock.advance(backoffMs(1));
      expect(await deliver(hub, clock.now)).toMatchObject({ sent: 1 });
      expect(got.map((g) => g.status)).toEqual([500, 200]);
      const body = got[1]!.body;
      expect(body).toMatchObject({ '@type': 'MessageCard', title: 'A concern was logged for the DSL', kind: 'concern_logged', link: 'https://office.school.test/#/breaches' });
      expect(JSON.stringify(body)).not.toMatch(/blue coat|Year 2|Filming/);
      expect(got[0]!.body.id).toBe(got[1]!.body.id); // the same message, sent again
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('a 404 (wrong address) is final: failed, not retried', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end('no such hook'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const s = smtpSettings(smtp.port);
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
      hub.core.run('notifications.save', { settings: { ...s, webhooks: [{ id: 'teams', name: 'Teams', url }], routes: { ...s.routes, device_request: { ...s.routes.device_request, roles: [], webhooks: ['teams'] } } } }, ACTORS.admin);
      const src = eventSource('k-1');
      push(hub, src.arrive({ fullName: 'Dr Ann Lee', category: 'professional', at: clock.now().toISOString(), deviceRequestId: 'r-9' }).events, clock.now());
      await deliver(hub, clock.now);
      expect(outbox(hub).find((r) => r.kind === 'device_request')).toMatchObject({ status: 'failed', last_error: 'HTTP 404: no such hook' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a visitor name made to look like mail headers', () => {
  it('cannot add a recipient or a header: one line in the subject, one recipient in the envelope', async () => {
    const src = eventSource('k-1');
    const name = 'Eve\r\nBcc: spy@evil.test\r\nX-Injected: yes';
    const v = src.arrive({ fullName: name, organisation: 'Org\nTo: other@evil.test', at: clock.now().toISOString() });
    // The kiosk's contract refuses such a name; the hub must not depend on it: fold the events
    // as a push would, bypassing the push's own checks.
    hub.db.transaction(() => {
      const r = ingestEvents(hub.db, v.events, clock.now().toISOString());
      notifyArrivals(hub.db, r.stored, r.visits, clock.now());
    })();
    await deliver(hub, clock.now);
    const [m] = await smtp.waitFor(1);
    expect(m!.rcptTo).toEqual(['office.host@school.test']);
    expect(m!.mail.headers.has('bcc')).toBe(false);
    expect(m!.mail.headers.has('x-injected')).toBe(false);
    expect(m!.mail.to && 'text' in m!.mail.to ? m!.mail.to.text : '').toBe('office.host@school.test');
    expect(m!.mail.subject).toBe('Your visitor has signed in: Eve Bcc: spy@evil.test X-Injected: yes');
    expect(m!.raw).not.toMatch(/^Bcc:/im);
    expect(m!.raw).not.toMatch(/^X-Injected:/im);
  });
});

describe('several hub processes on one database', () => {
  it('deliver each message once', async () => {
    signIns(12);
    const other = openTestHub({ dataDir: hub.dataDir, now: clock.now, log: () => {} });
    try {
      const reports = await Promise.all([deliver(hub, clock.now, 'process-a', 2), deliver(other, clock.now, 'process-b', 2), deliver(hub, clock.now, 'process-c', 2)]);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(12);
      expect(reports.every((r) => r.sent > 0)).toBe(true); // they shared the work
      await smtp.waitFor(12);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(12);
      expect(new Set(smtp.received.map((r) => r.mail.messageId)).size).toBe(12);
    } finally {
      other.close();
    }
  });
});
