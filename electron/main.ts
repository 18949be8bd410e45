// Electron main process: wires the domain core, the app:// screens, the IPC bridge and the
// kiosk window together. No decisions live here; see security.ts (what is allowed) and
// lockdown.ts, protocol.ts + appFiles.ts, window.ts, ipc.ts (how it is applied).
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKiosk } from '../core/kiosk.js';
import { registerKioskIpc } from './ipc.js';
import { launchOptions, userArgs } from './launch.js';
import { lockDownContents, lockDownSession } from './lockdown.js';
import { registerAppScheme, serveAppProtocol } from './protocol.js';
import { createKioskWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/electron
const RENDERER_DIR = path.resolve(here, '..', 'renderer');
const PRELOAD = path.join(here, 'preload.cjs');
const log = (msg: string, err?: unknown) => console.error(`[kiosk] ${msg}`, ...(err === undefined ? [] : [err]));
const opts = launchOptions(userArgs(process.argv, app.isPackaged), process.env, app.getPath('userData'));

// Before 'ready': the scheme's privileges, and the sandbox for every renderer whatever its options.
registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  app.on('web-contents-created', (_e, contents) => lockDownContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(fail);
} else {
  app.quit(); // one kiosk per machine; the running one comes to the front (second-instance)
}

function start(): void {
  const kiosk = openKiosk({ dataDir: opts.dataDir, ...(opts.configFile ? { configFile: opts.configFile } : {}), log });
  const printer = kiosk.startPrinting(); // the queue lives in the database: restarts resume it
  app.on('will-quit', () => {
    void printer.stop();
    kiosk.close();
  });
  log(`kiosk data: ${kiosk.dbFile}`);
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) log(`no screens in ${RENDERER_DIR}: run \`npm run build\``);

  lockDownSession(session.defaultSession, log);
  serveAppProtocol(RENDERER_DIR);
  registerKioskIpc(ipcMain, kiosk.core, log);
  if (!opts.dev) Menu.setApplicationMenu(null); // no menu accelerators (reload, devtools, quit) on the kiosk
  const win: BrowserWindow = createKioskWindow({ preloadPath: PRELOAD, dev: opts.dev, isPackaged: app.isPackaged, log });
  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}

function fail(e: unknown): void {
  log('could not start', e);
  dialog.showErrorBox('The kiosk could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
}
