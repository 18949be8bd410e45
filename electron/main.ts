// Electron main process: wires the domain core, the app:// screens, the IPC bridge and the
// kiosk window together. No decisions live here; see security.ts (what is allowed) and
// lockdown.ts, protocol.ts + appFiles.ts, window.ts, ipc.ts (how it is applied), autostart.ts
// (start on login). What goes wrong and how it recovered is written to <data dir>/watchdog.log.
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKiosk } from '../core/kiosk.js';
import { startKioskServices, type KioskServices } from '../core/host/kioskServices.js';
import { superviseWorker } from '../core/printing/supervisor.js';
import type { PrintJob } from '../core/printing/queue.js';
import { openWatchdogLog } from '../core/watchdog.js';
import { applyDesktopFilePlan, autostartPlan } from './autostart.js';
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
const watchdog = openWatchdogLog(opts.dataDir, { onError: (m) => log(m) });

// Before 'ready': the scheme's privileges, and the sandbox for every renderer whatever its options.
registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  // No error dialog on the kiosk screen for a main-process bug: record it and carry on (as
  // Electron's default handler does, minus the dialog a visitor would be left looking at).
  process.on('uncaughtException', (e) => {
    log('uncaught exception in the main process', e);
    watchdog.write('main-uncaught-exception', e);
  });
  process.on('unhandledRejection', (e) => {
    log('unhandled rejection in the main process', e);
    watchdog.write('main-unhandled-rejection', e);
  });
  // GPU, utility and other helper processes: Chromium restarts them; the log says it happened.
  app.on('child-process-gone', (_e, d) => {
    log(`${d.type} process gone (${d.reason}, exit ${d.exitCode})`);
    watchdog.write('child-process-gone', { type: d.type, reason: d.reason, exitCode: d.exitCode, serviceName: d.serviceName, name: d.name });
  });
  app.on('web-contents-created', (_e, contents) => lockDownContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(fail);
} else {
  app.quit(); // one kiosk per machine; the running one comes to the front (second-instance)
}

function start(): void {
  const kiosk = openKiosk({
    dataDir: opts.dataDir,
    ...(opts.configFile ? { configFile: opts.configFile } : {}),
    log,
    // Staff entered the PIN and chose "Exit the kiosk app" (issue 8): quit after the answer is sent.
    onStaffExit: () => {
      log('staff exit with PIN');
      setImmediate(() => app.quit());
      return true;
    },
  });
  watchdog.write('start', { version: app.getVersion(), electron: process.versions.electron, packaged: app.isPackaged, pid: process.pid });
  // The queue lives in the database: restarts resume it. If the worker's loop dies it is restarted.
  const printer = superviseWorker(() => kiosk.startPrinting(onPrintAttempt), {
    onEvent: (event, detail) => {
      log(`print worker: ${event}${typeof detail.restartInMs === 'number' ? `, restarting in ${detail.restartInMs} ms` : ''}`, detail.error);
      watchdog.write(event, detail);
    },
  });
  // Office hub (embedded on a one-PC reception), sync, retention purge and end of day: in the
  // background; none of them can stop the kiosk (core/host/kioskServices.ts).
  const services = startKioskServices(kiosk, { log }).catch((e: unknown) => {
    log('background services could not start', e);
    return null;
  });
  // Until the services are up, a visitor's lookups answer from what the kiosk has.
  let ready: KioskServices | null = null;
  void services.then((s) => (ready = s));
  void services.then((s) => s && log(s.officeUrl ? `office console: ${s.officeUrl}` : s.sync.status().paired ? 'syncing with the office hub' : 'not paired with an office hub'));
  app.on('will-quit', () => {
    watchdog.write('quit', {});
    void services.then((s) => s?.stop());
    void printer.stop();
    kiosk.close();
  });
  log(`kiosk data: ${kiosk.dbFile}; watchdog log: ${watchdog.file}`);
  applyStartOnLogin(kiosk.config.startOnLogin);
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) log(`no screens in ${RENDERER_DIR}: run \`npm run build\``);

  lockDownSession(session.defaultSession, log);
  serveAppProtocol(RENDERER_DIR);
  registerKioskIpc(ipcMain, kiosk.core, log, (op) => ready?.freshen(op));
  if (!opts.dev) Menu.setApplicationMenu(null); // no menu accelerators (reload, devtools, quit) on the kiosk
  const win: BrowserWindow = createKioskWindow({
    preloadPath: PRELOAD,
    dev: opts.dev,
    isPackaged: app.isPackaged,
    log,
    onEvent: (event, detail) => watchdog.write(event, detail),
  });
  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}

/** A badge that would not print (first failure and giving up; not every retry). */
function onPrintAttempt(job: PrintJob, outcome: 'printed' | 'retry' | 'gave_up', error?: string): void {
  if (outcome === 'printed' || (outcome === 'retry' && job.attempts > 1)) return;
  watchdog.write(outcome === 'gave_up' ? 'print-job-gave-up' : 'print-job-failed', { job: job.id, kind: job.kind, attempts: job.attempts, error });
}

/** site.json's startOnLogin, for the packaged kiosk (see autostart.ts). */
function applyStartOnLogin(startOnLogin: boolean | undefined): void {
  const plan = autostartPlan({
    platform: process.platform,
    isPackaged: app.isPackaged,
    startOnLogin,
    execPath: process.execPath,
    env: process.env,
    homeDir: app.getPath('home'),
  });
  if (plan.kind === 'login-item') {
    app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, path: plan.path, args: [] });
    log(`start on login ${plan.openAtLogin ? 'on' : 'off'}`);
  } else if (plan.kind === 'desktop-file') log(applyDesktopFilePlan(plan));
}

function fail(e: unknown): void {
  watchdog.write('start-failed', e);
  log('could not start', e);
  dialog.showErrorBox('The kiosk could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
}
