// The office console's Content Security Policy: the kiosk screens' policy (core/http/csp.ts),
// since both are built the same way (Vite, no inline script or style, data only from their
// own API) and must never be framed. One policy to tighten for both.
import { CONTENT_SECURITY_POLICY } from '../../http/csp.js';

export const OFFICE_CONSOLE_CSP = CONTENT_SECURITY_POLICY;

/** Sent with every answer, API and console files alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': OFFICE_CONSOLE_CSP,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
