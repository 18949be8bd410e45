// The one client the screens use. Which transport it speaks is decided once, here, at start:
// the Electron preload's bridge when present, otherwise HTTP to the browser-kiosk host.
import type { KioskBridge } from '../../../shared/bridge';
import type { Client, OpName } from '../../../shared/contract';
import { ContractError, type Envelope } from '../../../shared/errors';

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

function unwrap<T>(env: Envelope<T>): T {
  if (env.ok) return env.value;
  throw ContractError.fromBody(env.error);
}

const unreachable = () =>
  new ContractError('STORE_BUSY', 'The kiosk cannot reach its service right now. Please try again in a moment, or ask reception.');

export const httpClient: Client = async (name, input) => {
  let res: Response;
  try {
    res = await fetch(`./api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  } catch {
    throw unreachable();
  }
  let env: Envelope<never>;
  try {
    env = (await res.json()) as Envelope<never>;
  } catch {
    throw unreachable();
  }
  return unwrap(env);
};

export function ipcClient(bridge: KioskBridge): Client {
  return async (name: OpName, input: unknown) => unwrap((await bridge.call(name, input)) as Envelope<never>);
}

export const client: Client = window.kiosk ? ipcClient(window.kiosk) : httpClient;
