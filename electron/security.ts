// Every security decision of the Electron shell, as plain functions. This module never
// imports `electron`, so Vitest exercises it without the binary; window.ts, lockdown.ts,
// protocol.ts and ipc.ts only apply what it decides. Deny by default, compare parsed URLs
// (never substrings), and let the kiosk reach nothing but its own app://kiosk/ origin.
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/http/csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Exactly app://kiosk (no port, no user info); anything else, including app://other, is foreign. */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** A kiosk page may only ever navigate within its own origin: no web, no file://, no javascript:. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/** window.open and target=_blank links: the public kiosk opens nothing, internal or external. */
export function decideWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** <webview> is off in webPreferences; refusing the attach as well covers a preference slip. */
export function allowWebviewAttach(): boolean {
  return false;
}

/** Camera, microphone, geolocation, notifications, HID/USB/serial, clipboard…: the kiosk needs none. */
export function decidePermission(_permission?: string): boolean {
  return false;
}

/** The IPC bridge answers only frames showing our own screens (a forged or foreign frame is refused). */
export function isTrustedSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}

/** Requests the renderer may make at all (webRequest filter; a second fence behind the CSP).
 *  The kiosk talks to the core over IPC, so it needs no network: only its own files,
 *  inline data: images, its own blob: URLs, and Chromium's devtools:// frontend (which exists
 *  only when devtools are enabled). */
export function isAllowedRequest(url: unknown): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'data:' || u.protocol === 'devtools:') return true;
  if (u.protocol === 'blob:') return isAppUrl(u.pathname);
  return isAppUrl(u.href);
}

/** The file under rootDir that an app://kiosk/ request names, or null to refuse it.
 *  The URL parser has already folded plain and %2e-encoded dot segments; this refuses what
 *  survives decoding (%2f, %5c, NUL, drive letters, NTFS streams) and anything outside rootDir. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (!u || !isAppUrl(u.href)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (/[\0\\:]/.test(rel)) return null;
  const segments = rel.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  return isInside(root, file) ? file : null;
}

/** True when file is strictly below root (root itself is a folder, never a servable file). */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
};

/** Module scripts are refused by Chromium without a JavaScript MIME type, and nosniff means
 *  an unknown type is never guessed into something executable. */
export function contentTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response: the same CSP as the HTTP transport, so both hosts lock
 *  the screens down identically. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-cache',
  };
}

/** Devtools are a developer aid: only with --dev, and never in a packaged build whatever the flags. */
export function devToolsAllowed(dev: boolean, isPackaged: boolean): boolean {
  return dev && !isPackaged;
}

/** The options of the kiosk BrowserWindow (a plain object; window.ts hands it to Electron). */
export function kioskWindowOptions(preloadPath: string, devAsked: boolean, isPackaged = false) {
  // A packaged kiosk ignores --dev: editing a shortcut must not get a visitor out of kiosk mode.
  const dev = devAsked && !isPackaged;
  return {
    show: false, // shown on ready-to-show: no white flash on the kiosk screen
    title: 'Visitor sign-in',
    backgroundColor: '#ffffff',
    // Production: the visitor cannot leave the app (no frame, no task switching by the window manager).
    kiosk: !dev,
    fullscreen: !dev,
    ...(dev ? { width: 1280, height: 800 } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: devToolsAllowed(dev, isPackaged),
    },
  };
}
export type KioskWindowOptions = ReturnType<typeof kioskWindowOptions>;

/** Delay before reloading a crashed or hung renderer: at once for a one-off, backing off
 *  (up to 30 s) when it keeps failing, so a crash loop does not spin the CPU. */
export function reloadDelayMs(failureTimes: readonly number[], now: number, windowMs = 5 * 60_000): number {
  const recent = failureTimes.filter((t) => now - t <= windowMs && t <= now).length;
  if (recent <= 1) return 0;
  return Math.min(30_000, 1000 * 2 ** (recent - 2));
}
