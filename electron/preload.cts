// Preload of the public kiosk window. Sandboxed, so CommonJS and only `require('electron')`.
// It exposes one narrow function and nothing else: never ipcRenderer itself, no events,
// no Node. The main process checks the caller and validates every argument.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge, KioskCallChannel } from '../shared/bridge.js';

// Typed against shared/bridge.ts but written out: a sandboxed preload cannot require our modules.
const CHANNEL: KioskCallChannel = 'kiosk:call';

const bridge = {
  // A wrapper rather than ipcRenderer.invoke itself, so the page gets no handle on ipcRenderer.
  call: (name: string, input: unknown) => ipcRenderer.invoke(CHANNEL, name, input),
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kiosk', bridge);
