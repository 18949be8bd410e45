// The one object the Electron preload puts on `window.kiosk` for the public kiosk screens.
// Declared here so the preload (which implements it) and the renderer (which declares
// `window.kiosk: KioskBridge`) cannot drift. No Node or DOM imports: types and one string.
import type { Envelope } from './errors.js';

/** The single IPC channel behind `window.kiosk.call`. Only 'kiosk' audience operations answer on it. */
export const KIOSK_CALL_CHANNEL = 'kiosk:call';
export type KioskCallChannel = typeof KIOSK_CALL_CHANNEL;

/** Same envelope as the HTTP transport: `{ ok: true, value }` or `{ ok: false, error }`. Never rejects
 *  for a refused or invalid call; the main process answers those with an error envelope. */
export type KioskBridge = {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
};
