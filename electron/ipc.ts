// The Electron transport of the contract: one `ipcMain.handle` channel in front of the same
// core.call the HTTP transport uses. It checks who is calling (our own top-level app://kiosk
// frame only) and always passes the 'kiosk' audience, so staff operations stay unreachable
// from the public screen. The core validates every input with the contract's zod schema.
// `electron` is imported for types only and ipcMain is passed in, so tests drive this
// handler with a fake event.
import type { IpcMain } from 'electron';
import type { Core } from '../core/dispatcher.js';
import { KIOSK_CALL_CHANNEL } from '../shared/bridge.js';
import { ContractError, type Envelope } from '../shared/errors.js';
import { isTrustedSender } from './security.js';

/** The part of IpcMainInvokeEvent we rely on (structurally, so a real event fits). */
export type KioskCallEvent = { readonly senderFrame: { readonly url: string; readonly parent: unknown } | null };

const forbidden = (): Envelope<never> => ({
  ok: false,
  error: new ContractError('FORBIDDEN', 'This screen may not use the kiosk.').toBody(),
});

/** Awaited before an operation runs (KioskServices.freshen: the office's latest first). */
export type BeforeCall = (op: string) => Promise<void> | undefined;

export function kioskCallHandler(core: Pick<Core, 'call'>, log: (msg: string) => void = () => {}, beforeCall?: BeforeCall) {
  return (event: KioskCallEvent, name: unknown, input: unknown): Envelope<unknown> | Promise<Envelope<unknown>> => {
    let frame: KioskCallEvent['senderFrame'];
    try {
      frame = event.senderFrame; // null (or a throw) once the frame navigated away or was destroyed
    } catch {
      frame = null;
    }
    // Top-level frame only: the screens use no iframes, so a subframe calling is never legitimate.
    if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
      log(`refused ${KIOSK_CALL_CHANNEL} from ${frame ? JSON.stringify(frame.url).slice(0, 200) : 'a gone frame'}`);
      return forbidden();
    }
    const before = typeof name === 'string' ? beforeCall?.(name) : undefined;
    return before ? before.then(() => core.call(name, input, 'kiosk')) : core.call(name, input, 'kiosk');
  };
}

export function registerKioskIpc(ipcMain: Pick<IpcMain, 'handle'>, core: Pick<Core, 'call'>, log?: (msg: string) => void, beforeCall?: BeforeCall): void {
  ipcMain.handle(KIOSK_CALL_CHANNEL, kioskCallHandler(core, log, beforeCall));
}
