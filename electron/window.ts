// The kiosk window: options from security.ts, the screens from app://kiosk/, and a renderer
// that comes back by itself when it crashes or hangs (a public kiosk has nobody to press F5).
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, kioskWindowOptions, reloadDelayMs } from './security.js';

export type KioskWindowConfig = { preloadPath: string; dev: boolean; isPackaged: boolean; log: (msg: string) => void };

export function createKioskWindow(cfg: KioskWindowConfig): BrowserWindow {
  const win = new BrowserWindow(kioskWindowOptions(cfg.preloadPath, cfg.dev, cfg.isPackaged));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('preload-error', (_e, file, error) => cfg.log(`preload failed (${file}): ${error.message}`));
  keepRendererAlive(win, cfg.log);
  load(win, cfg.log);
  return win;
}

function load(win: BrowserWindow, log: (msg: string) => void): void {
  win.loadURL(APP_ENTRY_URL).catch((e: Error) => log(`could not load the kiosk screens: ${e.message}`));
}

function keepRendererAlive(win: BrowserWindow, log: (msg: string) => void): void {
  const failures: number[] = [];
  let pending: NodeJS.Timeout | undefined;
  const recover = (why: string) => {
    if (pending !== undefined || win.isDestroyed()) return; // one recovery at a time
    const now = Date.now();
    failures.push(now);
    if (failures.length > 20) failures.shift();
    const delay = reloadDelayMs(failures, now);
    log(`renderer ${why}; reloading in ${delay} ms`);
    pending = setTimeout(() => {
      pending = undefined;
      // Back to the start screen rather than reload(): a half-finished visitor flow is not resumed.
      if (!win.isDestroyed()) load(win, log);
    }, delay);
  };
  win.webContents.on('render-process-gone', (_e, details) => recover(`gone (${details.reason})`));
  win.webContents.on('unresponsive', () => {
    // A hung renderer cannot run a reload itself: end it, then load afresh.
    if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
    recover('unresponsive');
  });
}
