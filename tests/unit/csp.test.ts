// The kiosk screens' Content Security Policy, in all the places it must be: the policy itself
// (no unsafe-inline / unsafe-eval, nothing but our own origin), the <meta> in the renderer's HTML
// (source and a fresh production build), and the header from both hosts (the HTTP host of the
// browser-kiosk mode and Electron's app:// protocol). The Playwright spec tests/e2e/csp.spec.ts
// then runs the whole visitor flow in Chromium and asserts no violation happens.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../core/http/csp.js';
import { startKioskHttp } from '../../core/http/server.js';
import type { Kiosk } from '../../core/kiosk.js';
import { serveAppFile } from '../../electron/appFiles.js';
import { tempDir, tempKiosk } from '../support/tempKiosk.js';

const root = path.resolve(import.meta.dirname, '../..');

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const out: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** The policy in an HTML document's <meta http-equiv="Content-Security-Policy">, or null. */
function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)].map((m) => {
    const c = /content=(["'])(.*?)\1/i.exec(m[0]);
    return c ? c[2]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"') : '';
  });
}

/** Directives a <meta> policy cannot carry (browsers ignore them there): only the header can. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);
const UNSAFE = /'unsafe-(inline|eval|hashes)'|'wasm-unsafe-eval'|'strict-dynamic'|\*|https?:|wss?:|blob:/;

function expectStrict(policy: Policy): void {
  for (const [name, sources] of policy) {
    expect(sources.join(' '), name).not.toMatch(/'unsafe-(inline|eval|hashes)'/);
    expect(sources.join(' '), name).not.toMatch(/(^|\s)(\*|https?:|wss?:)(\s|$)/);
  }
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('style-src')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
}

/** The meta policy says exactly what the header says, minus what a meta cannot say. */
function expectSameAsHeader(meta: Policy): void {
  const header = parsePolicy(CONTENT_SECURITY_POLICY);
  for (const [name, sources] of header) {
    if (HEADER_ONLY.has(name)) continue;
    expect(meta.get(name), `meta ${name}`).toEqual(sources);
  }
  for (const name of meta.keys()) expect(header.has(name), `meta has ${name}, the header does not`).toBe(true);
}

describe('the policy', () => {
  it("allows only the kiosk's own origin: no unsafe-inline, no unsafe-eval, no remote hosts", () => {
    const p = parsePolicy(CONTENT_SECURITY_POLICY);
    expectStrict(p);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(UNSAFE);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
    expect(p.get('form-action')).toEqual(["'none'"]);
    expect(p.get('img-src')).toEqual(["'self'", 'data:']); // badge preview PNGs arrive as data: URLs
  });
});

describe("the renderer's HTML carries it", () => {
  it('renderer/index.html (the source)', () => {
    const html = fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
    const metas = metaPolicies(html);
    expect(metas).toHaveLength(1);
    const meta = parsePolicy(metas[0]!);
    expectStrict(meta);
    expectSameAsHeader(meta);
  });

  describe('a fresh production build', () => {
    const outDir = tempDir('kiosk-csp-build-');
    let html = '';
    beforeAll(async () => {
      await build({
        configFile: path.join(root, 'renderer', 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true },
      });
      html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    }, 120_000);
    afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it('has the same policy in its <meta>, first in <head> before any script or style', () => {
      const metas = metaPolicies(html);
      expect(metas).toHaveLength(1);
      const meta = parsePolicy(metas[0]!);
      expectStrict(meta);
      expectSameAsHeader(meta);
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.search(/<script|<link[^>]+stylesheet/));
    });

    it('needs nothing the policy forbids: no inline script, style, event handler or eval', () => {
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/); // our own file, relative (app:// and http alike)
        expect(body!.trim()).toBe('');
      }
      expect(html).not.toMatch(/<style\b/i);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i); // nothing from another origin
      const js = fs.readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
      for (const f of js) {
        const code = fs.readFileSync(path.join(outDir, 'assets', f), 'utf8');
        expect(code, f).not.toMatch(/\bnew Function\s*\(|[^.\w]eval\s*\(/);
      }
    });

    describe('and both hosts send the policy as a header', () => {
      let kiosk: Kiosk;
      let http: Awaited<ReturnType<typeof startKioskHttp>>;
      beforeAll(async () => {
        kiosk = tempKiosk();
        http = await startKioskHttp({ core: kiosk.core, staticDir: outDir, port: 0 });
      });
      afterAll(async () => {
        await http.close();
        kiosk.close();
      });

      it('the HTTP host (browser-kiosk mode): on the page, its assets, the API and errors', async () => {
        const asset = fs.readdirSync(path.join(outDir, 'assets')).find((f) => f.endsWith('.js'))!;
        for (const [method, p] of [
          ['GET', ''],
          ['GET', 'index.html'],
          ['GET', `assets/${asset}`],
          ['GET', 'no-such-file'],
          ['GET', 'healthz'],
          ['POST', 'api/kiosk.bootstrap'],
        ] as const) {
          const r = await fetch(new URL(p, http.url), {
            method,
            ...(method === 'POST' ? { body: JSON.stringify({ language: 'en' }), headers: { 'content-type': 'application/json' } } : {}),
          });
          expect(r.headers.get('content-security-policy'), `${method} /${p}`).toBe(CONTENT_SECURITY_POLICY);
          if (p === '') expect(await r.text()).toBe(html);
          else await r.arrayBuffer();
        }
      });

      it("Electron's app://kiosk/ protocol: on the page and its assets", async () => {
        for (const url of ['app://kiosk/', 'app://kiosk/index.html', 'app://kiosk/nope.js']) {
          const r = await serveAppFile(outDir, new Request(url));
          expect(r.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
          if (url === 'app://kiosk/') expect(await r.text()).toBe(html);
        }
      });
    });
  });
});
