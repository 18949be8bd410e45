// A real SMTP server for tests (the smtp-server package) on 127.0.0.1, keeping every message it
// accepts parsed with mailparser, with the envelope it came in. Its behaviour can be switched
// while it runs: accept, refuse every recipient with 550, or accept the connection and never
// answer (a hung server). stop() and start() on the same port: a server that is down and back.
// No test-runner imports here (compiled for the bench).
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Socket } from 'node:net';

export type Received = { mail: ParsedMail; raw: string; rcptTo: string[]; mailFrom: string; user: string | null };
export type SmtpMode = 'accept' | 'reject550' | 'hang';

export type TestSmtp = {
  port: number;
  received: Received[];
  mode: SmtpMode;
  /** Called with each message once its data has arrived, before the server answers (crash tests). */
  onMessage?: ((raw: string) => void | Promise<void>) | undefined;
  /** Accepted credentials (when set, AUTH is required). */
  auth?: { user: string; pass: string };
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Wait until `n` messages have arrived (or throw after `ms`). */
  waitFor(n: number, ms?: number): Promise<Received[]>;
};

export async function startTestSmtp(opts: { auth?: { user: string; pass: string } } = {}): Promise<TestSmtp> {
  let server: SMTPServer | null = null;
  const sockets = new Set<Socket>();
  const t: TestSmtp = {
    port: 0,
    received: [],
    mode: 'accept',
    ...(opts.auth ? { auth: opts.auth } : {}),
    async stop() {
      const s = server;
      server = null;
      if (!s) return;
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((r) => s.close(() => r()));
    },
    async start() {
      if (server) return;
      const options: SMTPServerOptions = {
        disabledCommands: t.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
        authOptional: !t.auth,
        allowInsecureAuth: true,
        logger: false,
        onConnect(session, cb) {
          if (t.mode === 'hang') return; // never answers: the client waits
          cb();
        },
        onAuth(auth, _session, cb) {
          if (t.auth && auth.username === t.auth.user && auth.password === t.auth.pass) cb(null, { user: auth.username });
          else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        },
        onRcptTo(address, _session, cb) {
          if (t.mode === 'reject550') return cb(Object.assign(new Error(`Mailbox unavailable: no such user here <${address.address}>`), { responseCode: 550 }));
          cb();
        },
        onData(stream, session, cb) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            void (async () => {
              await t.onMessage?.(raw);
              t.received.push({
                mail: await simpleParser(raw),
                raw,
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                user: (session.user as string | undefined) ?? null,
              });
              cb();
            })();
          });
        },
      };
      const s = new SMTPServer(options);
      s.on('error', () => {});
      (s as unknown as { server: import('node:net').Server }).server.on('connection', (sock: Socket) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      await new Promise<void>((resolve, reject) => {
        s.listen(t.port, '127.0.0.1', () => resolve());
        (s as unknown as { server: import('node:net').Server }).server.once('error', reject);
      });
      const addr = (s as unknown as { server: import('node:net').Server }).server.address();
      if (addr && typeof addr === 'object') t.port = addr.port;
      server = s;
    },
    async waitFor(n, ms = 10_000) {
      const until = Date.now() + ms;
      while (t.received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, the SMTP server has ${t.received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return t.received;
    },
  };
  await t.start();
  return t;
}
