// The Electron shell's security decisions, tried against escapes, without the Electron binary:
// electron/security.ts and electron/launch.ts never import `electron`, electron/ipc.ts imports
// it for types only, and the preload is run the way Electron's sandbox runs it (CommonJS, with a
// require that knows only 'electron').
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../core/http/server.js';
import { KIOSK_CALL_CHANNEL } from '../../shared/bridge.js';
import type { Envelope } from '../../shared/errors.js';
import { serveAppFile } from '../../electron/appFiles.js';
import { kioskCallHandler, registerKioskIpc, type KioskCallEvent } from '../../electron/ipc.js';
import { launchOptions, userArgs } from '../../electron/launch.js';
import {
  APP_ENTRY_URL,
  allowWebviewAttach,
  appResponseHeaders,
  contentTypeFor,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isAllowedRequest,
  isInside,
  isTrustedSender,
  kioskWindowOptions,
  reloadDelayMs,
  resolveAppFile,
} from '../../electron/security.js';
import { tempDir, tempKiosk } from '../support/tempKiosk.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** URLs a page (or an attacker's content in it) might try to reach. None is our origin. */
const FOREIGN_URLS = [
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  `file://${repoRoot}/dist/renderer/index.html`,
  'http://127.0.0.1:5174/',
  'http://localhost/',
  'https://evil.example/',
  'https://evil.example/?next=app://kiosk/',
  'https://evil.example/app://kiosk/',
  'https://app//kiosk/',
  'ws://127.0.0.1:9222/devtools',
  'javascript:alert(1)',
  'javascript://kiosk/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'app://other/',
  'app://other/index.html',
  'app://kiosk.evil.example/index.html',
  'app://evil.example/kiosk/',
  'app://kiosk:8080/index.html',
  'app://user:pw@kiosk/index.html',
  'app://kiosk@evil.example/',
  'app:kiosk/index.html',
  'app:///etc/passwd',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'blob:app://kiosk/0b6f1c2e-0000-4000-8000-000000000000',
  'mailto:dsl@example.org',
  '',
  'not a url',
] as const;

describe('navigation', () => {
  it('stays within app://kiosk/', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://kiosk/')).toBe(true);
    expect(isAllowedNavigation('app://kiosk/index.html?lang=pl#/sign-in')).toBe(true);
  });

  it.each(FOREIGN_URLS)('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    for (const v of [undefined, null, 42, {}, { toString: () => APP_ENTRY_URL }, new URL(APP_ENTRY_URL)]) expect(isAllowedNavigation(v)).toBe(false);
  });
});

describe('new windows, webviews and permission prompts', () => {
  it('denies every window.open / target=_blank, whatever the URL (even our own origin)', () => {
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    expect(allowWebviewAttach()).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'idle-detection',
    'keyboardLock',
    'speaker-selection',
    'storage-access',
    'unknown',
  ])('denies the %s permission (request and check)', (permission) => {
    expect(decidePermission(permission)).toBe(false);
  });

  it('denies a permission whose name it was not told', () => {
    expect(decidePermission()).toBe(false);
  });
});

describe('requests the renderer may make (second fence behind the CSP)', () => {
  it('allows only our own files, inline images and our own blobs', () => {
    expect(isAllowedRequest('app://kiosk/assets/index-abc123.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isAllowedRequest('blob:app://kiosk/0b6f1c2e-0000-4000-8000-000000000000')).toBe(true);
  });

  it.each([
    'https://evil.example/collect?name=Jane',
    'http://127.0.0.1:5174/api/visit.onSite',
    'ws://127.0.0.1:9222/',
    'file:///etc/passwd',
    'app://other/x.js',
    'app://kiosk:1/x.js',
    'blob:https://evil.example/0b6f1c2e',
    'not a url',
  ])('blocks %s', (url) => {
    expect(isAllowedRequest(url)).toBe(false);
  });
});

describe('the IPC sender check', () => {
  it('trusts our own screens', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://kiosk/index.html#/done')).toBe(true);
  });

  it.each(FOREIGN_URLS)('refuses a frame at %s', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it('refuses a missing frame URL', () => {
    for (const v of [undefined, null, 0, {}]) expect(isTrustedSender(v)).toBe(false);
  });
});

describe('the kiosk:call adapter', () => {
  const frame = (url: string, parent: unknown = null): KioskCallEvent => ({ senderFrame: { url, parent } });
  const fakeCore = () => ({ call: vi.fn((): Envelope<unknown> => ({ ok: true, value: 'reached the core' })) });

  it('registers exactly one channel, the one the preload uses', () => {
    const handle = vi.fn();
    registerKioskIpc({ handle }, fakeCore());
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]![0]).toBe(KIOSK_CALL_CHANNEL);
    expect(KIOSK_CALL_CHANNEL).toBe('kiosk:call');
  });

  it('passes a call from our top-level frame to the core as the kiosk audience', () => {
    const core = fakeCore();
    const input = { language: 'en' };
    expect(kioskCallHandler(core)(frame(APP_ENTRY_URL), 'kiosk.bootstrap', input)).toEqual({ ok: true, value: 'reached the core' });
    expect(core.call).toHaveBeenCalledWith('kiosk.bootstrap', input, 'kiosk');
  });

  const forged: Array<[string, KioskCallEvent]> = [
    ['a remote page', frame('https://evil.example/')],
    ['a look-alike host', frame('app://kiosk.evil.example/index.html')],
    ['another app:// host', frame('app://other/index.html')],
    ['a file:// page', frame(`file://${repoRoot}/dist/renderer/index.html`)],
    ['the loopback HTTP kiosk', frame('http://127.0.0.1:5174/')],
    ['about:blank', frame('about:blank')],
    ['a data: page', frame('data:text/html,hi')],
    ['an app:// subframe', frame(APP_ENTRY_URL, { url: APP_ENTRY_URL })],
    ['a frame that is gone', { senderFrame: null }],
    [
      'a frame whose URL cannot be read',
      Object.defineProperty({}, 'senderFrame', {
        get() {
          throw new Error('Render frame was disposed');
        },
      }) as KioskCallEvent,
    ],
  ];

  it.each(forged)('refuses %s with FORBIDDEN, without reaching the core', (_what, event) => {
    const core = fakeCore();
    const log = vi.fn();
    const env = kioskCallHandler(core, log)(event, 'kiosk.bootstrap', { language: 'en' });
    expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.call).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });

  describe('against a real core', () => {
    const k = tempKiosk();
    afterAll(() => k.close());
    const call = kioskCallHandler(k.core);
    const trusted = frame(APP_ENTRY_URL);

    it('answers kiosk operations', async () => {
      const env = await call(trusted, 'kiosk.bootstrap', { language: 'en' });
      expect(env.ok).toBe(true);
    });

    it('asks for the office\'s latest first only where a visitor waits on it, and answers after', async () => {
      const asked: string[] = [];
      let release!: () => void;
      const handler = kioskCallHandler(k.core, () => {}, (op) => {
        asked.push(op);
        return op === 'exemption.check' ? new Promise<void>((r) => (release = r)) : undefined;
      });
      // Not waited for: answered at once, as before.
      expect(handler(trusted, 'kiosk.bootstrap', { language: 'en' })).toMatchObject({ ok: true });
      let answered = false;
      const pending = Promise.resolve(handler(trusted, 'exemption.check', { fullName: 'Dr Ann Lee', organisation: 'County', category: 'professional' })).then((env) => {
        answered = true;
        return env;
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(answered).toBe(false); // the core is not asked before the office has been
      release();
      expect(await pending).toEqual({ ok: true, value: { found: false } });
      expect(asked).toEqual(['kiosk.bootstrap', 'exemption.check']);
      // A refused caller never gets as far as asking the office.
      expect(handler(frame('https://evil.example/'), 'exemption.check', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(asked).toHaveLength(2);
    });

    it.each(['visit.onSite', 'policy.publish'])('refuses the staff operation %s', (name) => {
      const input = name === 'policy.publish' ? { language: 'en', draft: { title: 'Phones', points: ['Anything goes'] } } : {};
      expect(call(trusted, name, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it.each(['nope', '__proto__', 'constructor', 'toString', '', 42, null, { name: 'kiosk.bootstrap' }])('refuses the unknown operation %j', (name) => {
      expect(call(trusted, name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    });

    it('validates the input with the contract schema', () => {
      expect(call(trusted, 'visit.signOut', { visitId: '../../x', phoneCollected: 'yes', extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(call(trusted, 'visit.findForSignOut', 'not an object')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });
  });
});

describe('app:// file resolution', () => {
  // <tmp>/dist/renderer/{index.html, assets/app.js} and a secret beside the renderer folder.
  const base = tempDir('kiosk-app-protocol-');
  const root = path.join(base, 'dist', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(base, 'dist', 'secret.txt'), 'secret');
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('serves the entry page and assets from the renderer folder', () => {
    expect(resolveAppFile(root, 'app://kiosk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://kiosk')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://kiosk/index.html?lang=pl#/x')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://kiosk/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://kiosk/assets/')).toBe(path.join(root, 'assets', 'index.html'));
    expect(resolveAppFile(root, 'app://kiosk/assets/caf%C3%A9.png')).toBe(path.join(root, 'assets', 'café.png'));
  });

  it.each([
    'app://kiosk/..%2f..%2fetc%2fpasswd',
    'app://kiosk/..%2Fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2fsecret.txt',
    'app://kiosk/..%5c..%5csecret.txt',
    'app://kiosk/assets%5c..%5c..%5csecret.txt',
    'app://kiosk/index.html%00.png',
    'app://kiosk/C:/Windows/win.ini',
    'app://kiosk/C%3A%5CWindows%5Cwin.ini',
    'app://kiosk/index.html::$DATA',
    'app://kiosk/%E0%A4%A',
    'app://other/index.html',
    'app://kiosk.evil.example/index.html',
    'app://kiosk:8080/index.html',
    'app://user@kiosk/index.html',
    'file:///etc/passwd',
    'https://evil.example/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    'app://kiosk/../../etc/passwd',
    'app://kiosk/../secret.txt',
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/%2E%2E/secret.txt',
    'app://kiosk/assets/../../secret.txt',
    'app://kiosk/.%2e/secret.txt',
    'app://kiosk//etc/passwd',
    'app://kiosk/%252e%252e/secret.txt',
  ])('keeps %s inside the renderer folder (dot segments fold before we see them)', (url) => {
    const file = resolveAppFile(root, url);
    if (file !== null) expect(isInside(root, file)).toBe(true);
    expect(file).not.toBe(path.join(base, 'dist', 'secret.txt'));
    expect(file).not.toBe('/etc/passwd');
  });

  it('serves files with their MIME type and the CSP header', async () => {
    const page = await serveAppFile(root, new Request('app://kiosk/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe('<!doctype html>');
    const script = await serveAppFile(root, new Request('app://kiosk/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const head = await serveAppFile(root, new Request('app://kiosk/index.html', { method: 'HEAD' }));
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('answers 404 for missing files, folders and escapes, 405 for writes', async () => {
    for (const url of ['app://kiosk/nope.js', 'app://kiosk/assets', 'app://kiosk/..%2fsecret.txt', 'app://kiosk/../secret.txt', 'app://other/index.html']) {
      const r = await serveAppFile(root, new Request(url));
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain('secret');
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await serveAppFile(root, new Request('app://kiosk/', { method: 'POST', body: '{}' }))).status).toBe(405);
  });

  it('refuses a link inside the folder that leads outside it', async () => {
    // A directory junction: a plain symlink on Linux and macOS, and needs no admin rights on Windows.
    const link = path.join(root, 'assets', 'escape');
    fs.symlinkSync(path.join(base, 'dist'), link, 'junction');
    expect(resolveAppFile(root, 'app://kiosk/assets/escape/secret.txt')).toBe(path.join(link, 'secret.txt')); // the name looks fine…
    const r = await serveAppFile(root, new Request('app://kiosk/assets/escape/secret.txt'));
    expect(r.status).toBe(404); // …but it resolves outside the renderer folder, so it is not served
    expect(await r.text()).not.toContain('secret');
  });

  it('treats only paths strictly below the root as inside', () => {
    expect(isInside(root, path.join(root, 'index.html'))).toBe(true);
    expect(isInside(root, root)).toBe(false);
    expect(isInside(root, path.join(root, '..', 'secret.txt'))).toBe(false);
    expect(isInside(root, `${root}-evil/index.html`)).toBe(false);
    expect(isInside(root, '/etc/passwd')).toBe(false);
  });

  it('answers with the right MIME types (module scripts need a JavaScript type)', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/chunk.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/index.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('PHOTO.PNG')).toBe('image/png');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('data.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('README')).toBe('application/octet-stream');
    expect(contentTypeFor('evil.exe')).toBe('application/octet-stream');
  });

  it('sends the same CSP as the HTTP transport, with nosniff', () => {
    const h = appResponseHeaders('text/html; charset=utf-8');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['Content-Security-Policy']).toContain("default-src 'self'");
    expect(h['Content-Security-Policy']).toContain("object-src 'none'");
    expect(h['Content-Security-Policy']).not.toMatch(/unsafe-(inline|eval)/);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('the kiosk window', () => {
  const preload = '/opt/kiosk/dist/electron/preload.cjs';

  it('isolates and sandboxes the renderer, with no Node in it', () => {
    for (const [dev, packaged] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      const w = kioskWindowOptions(preload, dev, packaged).webPreferences;
      expect(w).toMatchObject({
        preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
      });
    }
  });

  it('is a full-screen kiosk without devtools in production', () => {
    const o = kioskWindowOptions(preload, false, true);
    expect(o.kiosk).toBe(true);
    expect(o.fullscreen).toBe(true);
    expect(o.webPreferences.devTools).toBe(false);
    expect(kioskWindowOptions(preload, false, false).webPreferences.devTools).toBe(false);
  });

  it('is windowed with devtools under --dev, but a packaged kiosk ignores --dev', () => {
    const dev = kioskWindowOptions(preload, true, false);
    expect(dev.kiosk).toBe(false);
    expect(dev.fullscreen).toBe(false);
    expect(dev.webPreferences.devTools).toBe(true);
    const packaged = kioskWindowOptions(preload, true, true);
    expect(packaged.webPreferences.devTools).toBe(false);
    expect(packaged.kiosk).toBe(true);
    expect(packaged.fullscreen).toBe(true);
  });

  it('reloads a crashed renderer at once, then backs off while it keeps failing', () => {
    const now = 1_000_000;
    expect(reloadDelayMs([now], now)).toBe(0);
    expect(reloadDelayMs([now - 1000, now], now)).toBe(1000);
    expect(reloadDelayMs([now - 2000, now - 1000, now], now)).toBe(2000);
    expect(reloadDelayMs(Array.from({ length: 20 }, (_, i) => now - i), now)).toBe(30_000);
    // Old failures are forgiven.
    expect(reloadDelayMs([now - 10 * 60_000, now - 9 * 60_000, now], now)).toBe(0);
  });
});

describe('launch flags', () => {
  const userData = '/home/kiosk/.config/phone-safe-kiosk';

  it('takes the data folder from --data-dir, then KIOSK_DATA_DIR, then userData', () => {
    expect(launchOptions([], {}, userData)).toEqual({ dataDir: userData, dev: false });
    expect(launchOptions([], { KIOSK_DATA_DIR: '/srv/kiosk' }, userData).dataDir).toBe('/srv/kiosk');
    expect(launchOptions(['--data-dir', '/data/k1'], { KIOSK_DATA_DIR: '/srv/kiosk' }, userData).dataDir).toBe('/data/k1');
    expect(launchOptions(['--data-dir=/data/k2'], {}, userData).dataDir).toBe('/data/k2');
    expect(launchOptions([], { KIOSK_DATA_DIR: '' }, userData).dataDir).toBe(userData);
    expect(path.isAbsolute(launchOptions(['--data-dir', 'rel/dir'], {}, userData).dataDir)).toBe(true);
  });

  it('reads --dev and --config, and ignores Chromium switches', () => {
    expect(launchOptions(['--dev'], {}, userData).dev).toBe(true);
    expect(launchOptions(['--no-sandbox', '--enable-logging', '.'], {}, userData)).toEqual({ dataDir: userData, dev: false });
    expect(launchOptions(['--config', '/etc/kiosk/site.json'], {}, userData).configFile).toBe('/etc/kiosk/site.json');
  });

  it('finds our arguments after the script (electron main.js …) or the executable (packaged)', () => {
    expect(userArgs(['/usr/bin/electron', 'dist/electron/main.js', '--dev'], false)).toEqual(['--dev']);
    expect(userArgs(['/opt/Kiosk/kiosk', '--dev'], true)).toEqual(['--dev']);
  });
});

describe('the preload, run as Electron runs a sandboxed preload', () => {
  const source = fs.readFileSync(path.join(repoRoot, 'electron', 'preload.cts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: 'preload.cts',
  });

  function runPreload() {
    const exposed: Array<[string, unknown]> = [];
    const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' }));
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer: { invoke, send: vi.fn(), sendSync: vi.fn(), on: vi.fn() },
    };
    // The sandbox's require knows only a few modules; ours may need nothing but 'electron'.
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id}`);
    };
    const exports = {};
    new Function('require', 'process', 'exports', 'module', outputText)(sandboxRequire, {}, exports, { exports });
    return { exposed, invoke, required, electron };
  }

  it('compiles to CommonJS that requires only electron', () => {
    const { required } = runPreload();
    expect(required).toEqual(['electron']);
    expect(outputText).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('exposes exactly window.kiosk = { call }', () => {
    const { exposed } = runPreload();
    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0]!;
    expect(key).toBe('kiosk');
    expect(Object.keys(api as object)).toEqual(['call']);
    expect(typeof (api as { call: unknown }).call).toBe('function');
  });

  it('never hands the page ipcRenderer or its methods', () => {
    const { exposed, electron } = runPreload();
    const api = exposed[0]![1] as Record<string, unknown>;
    for (const v of Object.values(api)) {
      expect(v).not.toBe(electron.ipcRenderer);
      expect(Object.values(electron.ipcRenderer)).not.toContain(v);
    }
  });

  it('invokes kiosk:call with the name and input and returns the envelope', async () => {
    const { exposed, invoke, electron } = runPreload();
    const api = exposed[0]![1] as { call(name: string, input: unknown): Promise<unknown> };
    await expect(api.call('kiosk.bootstrap', { language: 'en' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(invoke).toHaveBeenCalledWith('kiosk:call', 'kiosk.bootstrap', { language: 'en' });
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});
