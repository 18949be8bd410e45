// Test helpers for kiosk ↔ hub sync: a real office hub (its own SQLite file) served over real
// HTTP on 127.0.0.1 with only the sync routes, and pairing a test kiosk with it.
import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import type { Actor } from '../../core/office/context.js';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from './postgres.js';
import { createPairingCode } from '../../core/office/sync/pairing.js';
import { registerSyncRoutes } from '../../core/office/sync/routes.js';
import type { Db } from '../../core/db/open.js';
import { pairWithHub, type PairOptions } from '../../core/sync/pair.js';
import type { Kiosk } from '../../core/kiosk.js';
import { disposeKiosk } from './fixtures.js';
import { tempDir, tempKiosk } from './tempKiosk.js';

export const ADMIN: Actor = { staffId: 'st-admin', username: 'admin', displayName: 'Ada Admin', role: 'admin' };

export type TestHub = {
  hub: Hub;
  url: string;
  port: number;
  /** Stop serving (the hub's database stays open). */
  stop(): Promise<void>;
  /** Serve again on the same port (after stop). */
  start(): Promise<void>;
  /** A real restart: stop serving, close the database, open it again and serve on the same port. */
  restart(): Promise<void>;
  /** Stop serving, close the database and delete the folder. */
  dispose(): Promise<void>;
};

async function serve(hub: Hub, port: number): Promise<{ app: FastifyInstance; port: number }> {
  // The office server's own body limit (core/office/http/server.ts): the sync routes must lift it for a full push.
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 256 * 1024 });
  registerSyncRoutes(app, hub);
  await app.listen({ host: '127.0.0.1', port });
  const addr = app.server.address();
  return { app, port: typeof addr === 'object' && addr ? addr.port : port };
}

export async function startTestHub(opts: { now?: () => Date; dataDir?: string } = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? tempDir('hub-test-');
  const open = () => openTestHub({ dataDir, log: () => {}, ...(opts.now ? { now: opts.now } : {}) });
  const first = open();
  let served: { app: FastifyInstance; port: number } | null = await serve(first, 0);
  const port = served.port;
  const t: TestHub = {
    hub: first,
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      const s = served;
      served = null;
      if (s) await s.app.close();
    },
    async start() {
      if (!served) served = await serve(t.hub, port);
    },
    async restart() {
      await t.stop();
      t.hub.close();
      t.hub = open();
      await t.start();
    },
    async dispose() {
      await t.stop();
      if (t.hub.db.open) t.hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A fresh pairing code, as the console's "Pair a kiosk" makes it. */
export function pairingCode(hub: Hub, kioskName = 'Main entrance'): string {
  return hub.db.transaction(() => createPairingCode(hub.db, kioskName, 'Ada Admin (admin)', hub.now()).code)();
}

export async function pairKiosk(db: Db, t: TestHub, name = 'Main entrance', opts: PairOptions = {}): Promise<void> {
  await pairWithHub(db, t.url, pairingCode(t.hub, name), name, opts);
}

export function hubCount(hub: Hub, sql: string, ...params: unknown[]): number {
  return hub.db.prepare(sql).pluck().get(...params) as number;
}

/** A real hub with `names.length` fresh kiosks paired to it; what to undo goes on `cleanups`. */
export async function hubWithPairedKiosks(cleanups: (() => Promise<void> | void)[], names: string[]): Promise<{ t: TestHub; ks: Kiosk[] }> {
  const t = await startTestHub();
  cleanups.push(() => t.dispose());
  const ks: Kiosk[] = [];
  for (const name of names) {
    const k = tempKiosk();
    cleanups.push(() => disposeKiosk(k));
    await pairKiosk(k.db, t, name);
    ks.push(k);
  }
  return { t, ks };
}

/** A real hub with one fresh kiosk paired to it; what to undo goes on `cleanups`. */
export async function hubWithPairedKiosk(cleanups: (() => Promise<void> | void)[], name = 'Main entrance'): Promise<{ t: TestHub; k: Kiosk }> {
  const { t, ks } = await hubWithPairedKiosks(cleanups, [name]);
  return { t, k: ks[0]! };
}
