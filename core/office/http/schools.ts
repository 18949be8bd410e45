// Which school a request is for, and that school's hub. A hub on SQLite (or on PostgreSQL with
// one school named) serves one school at the root, as it always has. A trust hub serves every
// active school of its directory under /s/<slug>/, opening a school's hub on its first request
// (so a school a trust admin adds is served without a restart) and keeping it open. The routes
// are the same code either way: they ask `schoolOf(req)`, which an onRequest hook has set.
import type { FastifyRequest } from 'fastify';
import path from 'node:path';
import type { ScryptParams } from '../auth/passwords.js';
import { needsSetup, prepareSetupCode } from '../auth/setup.js';
import { createSignIn, type SignInService } from '../auth/signIn.js';
import { openHub, type Hub } from '../hub.js';
import { SCHOOL_SLUG } from '../store/open.js';
import { findSchool, listSchools, type TrustDirectory } from '../trust/directory.js';

export type School = {
  hub: Hub;
  /** The school's short name in a trust; null for a one-school hub. */
  slug: string | null;
  /** The URL path the school's pages, console API and sync API live under: '/' or '/s/<slug>/'. */
  base: string;
  signIn: SignInService;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set before any route of a school runs (see Schools.resolve). */
    school: School | null;
  }
}

export type Schools = {
  /** The route prefix every school route is registered under: '' or '/s/:school'. */
  prefix: string;
  /** The school a request's URL names, or null when there is none to serve (unknown, archived). */
  resolve(req: FastifyRequest): School | null;
  /** The school with this short name, or null when the hub does not serve it (the trust's
   *  dashboard and drill-in: core/office/trust/routes.ts). */
  bySlug(slug: string): School | null;
  /** For failures that happen outside any one school. */
  log(m: string, e?: unknown): void;
  close(): void;
};

/** The school the request's routes serve (set by the resolving hook before any handler). */
export function schoolOf(req: FastifyRequest): School {
  if (!req.school) throw new Error(`No school resolved for ${req.url}`);
  return req.school;
}

/** One hub, at today's URLs. Closing it is its owner's business. */
export function singleSchool(hub: Hub, scrypt: ScryptParams): Schools {
  const school: School = { hub, slug: null, base: '/', signIn: createSignIn(hub, scrypt) };
  return { prefix: '', resolve: () => school, bySlug: () => null, log: hub.log, close: () => {} };
}

export type TrustHubOptions = {
  directory: TrustDirectory;
  /** The hub's data folder (TLS files; each school's set-up code file in schools/<slug>/). */
  dataDir: string;
  now?: () => Date;
  log?: (m: string, e?: unknown) => void;
  /** How long a school's "active" in the directory is believed before it is looked up again
   *  (archiving a school stops it being served within this time, on every hub process). */
  statusTtlMs?: number;
  /** Called once for each school's hub when this process opens it (e.g. its retention schedule). */
  onOpen?: (hub: Hub) => void;
  /** How often every active school is opened (so its scheduled work runs); 0: only on a request. */
  openAllEveryMs?: number;
};

/** Where a trust hub keeps one school's files (its set-up code). */
export function schoolDataDir(dataDir: string, slug: string): string {
  return path.join(dataDir, 'schools', slug);
}

export const TRUST_SCHOOL_PREFIX = '/s/:school';

/** The school's URL path in a trust hub. */
export function schoolBase(slug: string): string {
  return `/s/${slug}/`;
}

/** Every active school of a trust's directory, each under /s/<slug>/. */
export function trustSchools(opts: TrustHubOptions, scrypt: ScryptParams, tell: (line: string) => void): Schools {
  const ttl = opts.statusTtlMs ?? 5_000;
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[office] ${m}`, e ?? ''));
  const open = new Map<string, { school: School; checkedAt: number }>();

  function active(slug: string): boolean {
    const row = findSchool(opts.directory, slug);
    return row !== undefined && row.status === 'active';
  }

  function openSchool(slug: string): School {
    const dataDir = schoolDataDir(opts.dataDir, slug);
    const hub = openHub({ dataDir, database: { url: opts.directory.url, school: slug }, log: (m, e) => log(`${slug}: ${m}`, e), ...(opts.now ? { now: opts.now } : {}) });
    try {
      // A code add-school made (or another hub process) stays valid; only a school with no code
      // and nobody yet gets one here.
      const setup = prepareSetupCode(hub.db, dataDir, { keepExisting: true });
      if (setup) {
        tell(`School "${slug}" has no staff account yet. Open ${schoolBase(slug)} and enter this set-up code to create its administrator:`);
        tell(`  Set-up code for ${slug}: ${setup.code}`);
        tell(`  (also in ${setup.file}; it works once)`);
      } else if (needsSetup(hub.db)) {
        tell(`School "${slug}" has no staff account yet: use the set-up code add-school printed at ${schoolBase(slug)}, or office --database URL create-admin --school ${slug}.`);
      }
      opts.onOpen?.(hub);
      return { hub, slug, base: schoolBase(slug), signIn: createSignIn(hub, scrypt) };
    } catch (e) {
      hub.close();
      throw e;
    }
  }

  function bySlug(slug: unknown): School | null {
    if (typeof slug !== 'string' || !SCHOOL_SLUG.test(slug)) return null;
    const at = Date.now();
    const known = open.get(slug);
    if (known && at - known.checkedAt < ttl) return known.school;
    if (!active(slug)) return null;
    if (known) {
      known.checkedAt = at;
      return known.school;
    }
    const entry = { school: openSchool(slug), checkedAt: at };
    open.set(slug, entry);
    return entry.school;
  }
  // Every active school is opened at start and every few minutes after, not only when someone
  // visits it: its scheduled work (retention purge, holds) must run even in a school whose
  // console nobody opened today. Its job slots make that work run once across hub processes.
  const openEveryone = () => {
    for (const row of listSchools(opts.directory)) {
      if (open.has(row.slug)) continue;
      try {
        open.set(row.slug, { school: openSchool(row.slug), checkedAt: Date.now() });
      } catch (e) {
        log(`${row.slug}: could not be opened; it is tried again in a few minutes`, e);
      }
    }
  };
  if (opts.openAllEveryMs !== 0) {
    openEveryone();
  }
  const sweep = opts.openAllEveryMs === 0 ? null : setInterval(openEveryone, opts.openAllEveryMs ?? 10 * 60_000);
  sweep?.unref?.();

  return {
    prefix: TRUST_SCHOOL_PREFIX,
    resolve: (req) => bySlug((req.params as { school?: unknown } | undefined)?.school),
    bySlug,
    log,
    close() {
      if (sweep) clearInterval(sweep);
      for (const { school } of open.values()) school.hub.close();
      open.clear();
    },
  };
}
