// Applies security.ts's decisions to Electron: every web contents (the kiosk window and
// anything else that ever appears) and the session it runs in. Deny by default.
import type { Session, WebContents } from 'electron';
import { allowWebviewAttach, decidePermission, decideWindowOpen, isAllowedNavigation, isAllowedRequest } from './security.js';

type Log = (msg: string) => void;

export function lockDownContents(contents: WebContents, log: Log): void {
  const refuseNavigation = (what: string) => (e: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(e.url)) return;
    e.preventDefault();
    log(`blocked ${what} to ${e.url.slice(0, 200)}`);
  };
  // will-frame-navigate also covers subframes; will-navigate is kept for the main frame in case
  // a future Electron changes the former; will-redirect stops a server redirect mid-navigation.
  contents.on('will-navigate', refuseNavigation('navigation'));
  contents.on('will-frame-navigate', refuseNavigation('frame navigation'));
  contents.on('will-redirect', refuseNavigation('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked new window for ${url.slice(0, 200)}`);
    return decideWindowOpen();
  });
  contents.on('will-attach-webview', (e) => {
    if (!allowWebviewAttach()) e.preventDefault();
  });
  // Without a listener Electron would pick the first Bluetooth device found.
  contents.on('select-bluetooth-device', (e, _devices, callback) => {
    e.preventDefault();
    callback('');
  });
}

export function lockDownSession(ses: Session, log: Log): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(decidePermission(permission));
  });
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler((details) => decidePermission(details.deviceType));
  // Cancel device pickers outright rather than rely on the permission checks alone.
  ses.on('select-hid-device', (e, _details, callback) => {
    e.preventDefault();
    callback();
  });
  ses.on('select-usb-device', (e, _details, callback) => {
    e.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (e, _ports, _contents, callback) => {
    e.preventDefault();
    callback('');
  });
  ses.on('will-download', (e) => e.preventDefault());
  // A second fence behind the CSP: the renderer talks over IPC and needs no network at all.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log(`blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}
