// app://kiosk/ — the screens are served from dist/renderer through a privileged custom scheme
// rather than file:// (which would give the page a null origin and reach to the whole disk).
// What each request gets is decided in appFiles.ts and security.ts.
import { protocol } from 'electron';
import { serveAppFile } from './appFiles.js';
import { APP_SCHEME } from './security.js';

/** Must run before app 'ready'. standard + secure: a real origin for 'self' in the CSP and
 *  for module scripts; no bypassCSP, no service workers, no CORS for other origins. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(rootDir, request));
}
