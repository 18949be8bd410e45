// The kiosk window: options from security.ts, the screens from app://kiosk/, and a renderer
// that comes back by itself when it crashes or hangs (a public kiosk has nobody to press F5).
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, kioskWindowOptions, reloadDelayMs } from './security.js';

/** What happened to the renderer, for the watchdog log. */
export type RendererEvent = 'renderer-gone' | 'renderer-unresponsive' | 'renderer-responsive' | 'renderer-reload' | 'renderer-load-failed' | 'preload-error';

export type KioskWindowConfig = {
  preloadPath: string;
  dev: boolean;
  isPackaged: boolean;
  log: (msg: string) => void;
  onEvent?: (event: RendererEvent, detail: Record<string, unknown>) => void;
};

export function createKioskWindow(cfg: KioskWindowConfig): BrowserWindow {
  const win = new BrowserWindow(kioskWindowOptions(cfg.preloadPath, cfg.dev, cfg.isPackaged));
  win.once('ready-to-show', () => win.show());
  const onEvent = cfg.onEvent ?? (() => {});
  win.webContents.on('preload-error', (_e, file, error) => {
    cfg.log(`preload failed (${file}): ${error.message}`);
    onEvent('preload-error', { file, error });
  });
  win.webContents.on('did-fail-load', (_e, errorCode, errorDescription, url, isMainFrame) => {
    if (isMainFrame) onEvent('renderer-load-failed', { errorCode, errorDescription, url });
  });
  keepRendererAlive(win, cfg.log, onEvent);
  load(win, cfg.log);
  return win;
}

function load(win: BrowserWindow, log: (msg: string) => void): void {
  win.loadURL(APP_ENTRY_URL).catch((e: Error) => log(`could not load the kiosk screens: ${e.message}`));
}

function keepRendererAlive(win: BrowserWindow, log: (msg: string) => void, onEvent: NonNullable<KioskWindowConfig['onEvent']>): void {
  const failures: number[] = [];
  let pending: NodeJS.Timeout | undefined;
  const recover = (why: string) => {
    if (pending !== undefined || win.isDestroyed()) return; // one recovery at a time
    const now = Date.now();
    failures.push(now);
    if (failures.length > 20) failures.shift();
    const delay = reloadDelayMs(failures, now);
    log(`renderer ${why}; reloading in ${delay} ms`);
    onEvent('renderer-reload', { why, delayMs: delay, recentFailures: failures.length });
    pending = setTimeout(() => {
      pending = undefined;
      // Back to the start screen rather than reload(): a half-finished visitor flow is not resumed.
      if (!win.isDestroyed()) load(win, log);
    }, delay);
  };
  win.webContents.on('render-process-gone', (_e, details) => {
    onEvent('renderer-gone', { reason: details.reason, exitCode: details.exitCode });
    recover(`gone (${details.reason})`);
  });
  win.webContents.on('unresponsive', () => {
    onEvent('renderer-unresponsive', {});
    // A hung renderer cannot run a reload itself: end it, then load afresh.
    if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
    recover('unresponsive');
  });
  win.webContents.on('responsive', () => onEvent('renderer-responsive', {}));
}
