// "Start on login" for the packaged kiosk, from site.json's `startOnLogin`, decided without
// `electron` (unit-tested); main.ts applies the plan. Applied at every start, so turning it off in
// site.json turns it off; left out, the computer's own settings are left alone (IT may start the
// kiosk another way: Assigned Access, a shell launcher, a systemd unit).
//
//   Windows: app.setLoginItemSettings (the user's Run key) for the installed exe.
//   Linux:   an XDG autostart entry, ~/.config/autostart/phone-safe-kiosk.desktop, pointing at
//            the AppImage file ($APPIMAGE) or the installed executable (deb).
import fs from 'node:fs';
import path from 'node:path';

export const AUTOSTART_FILE_NAME = 'phone-safe-kiosk.desktop';

export type AutostartInput = {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  startOnLogin: boolean | undefined;
  execPath: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
};

export type AutostartPlan =
  | { kind: 'none'; reason: string }
  | { kind: 'login-item'; openAtLogin: boolean; path: string }
  | { kind: 'desktop-file'; file: string; content: string | null };

export function autostartPlan(i: AutostartInput): AutostartPlan {
  if (i.startOnLogin === undefined) return { kind: 'none', reason: 'startOnLogin is not set in site.json' };
  // A development run would register the bare Electron binary, not the kiosk.
  if (!i.isPackaged) return { kind: 'none', reason: 'not a packaged build' };
  if (i.platform === 'win32' || i.platform === 'darwin') return { kind: 'login-item', openAtLogin: i.startOnLogin, path: i.execPath };
  if (i.platform === 'linux') {
    const configHome = i.env.XDG_CONFIG_HOME && path.isAbsolute(i.env.XDG_CONFIG_HOME) ? i.env.XDG_CONFIG_HOME : path.join(i.homeDir, '.config');
    const file = path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
    // Inside an AppImage execPath is a temporary mount; $APPIMAGE is the file that stays.
    const exec = i.env.APPIMAGE && path.isAbsolute(i.env.APPIMAGE) ? i.env.APPIMAGE : i.execPath;
    return { kind: 'desktop-file', file, content: i.startOnLogin ? desktopEntry(exec) : null };
  }
  return { kind: 'none', reason: `no start-on-login support for ${i.platform}` };
}

/** An Exec= argument quoted as the Desktop Entry Specification says. */
export function desktopExecQuote(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('a program path cannot contain line breaks');
  if (!/[\s"'\\`$<>~|&;*?#()%]/.test(arg)) return arg;
  // Inside double quotes: escape " ` $ \ with a backslash; a literal % is written %%.
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

export function desktopEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Visitor sign-in',
    'Comment=Starts the school visitor sign-in kiosk at login',
    `Exec=${desktopExecQuote(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=2',
    '',
  ].join('\n');
}

/** Writes or removes the autostart entry; returns what was done, or the error (never throws). */
export function applyDesktopFilePlan(plan: Extract<AutostartPlan, { kind: 'desktop-file' }>, fsImpl: Pick<typeof fs, 'mkdirSync' | 'writeFileSync' | 'rmSync' | 'readFileSync'> = fs): string {
  try {
    if (plan.content === null) {
      fsImpl.rmSync(plan.file, { force: true });
      return `start on login off (${plan.file} removed)`;
    }
    let existing: string | null = null;
    try {
      existing = fsImpl.readFileSync(plan.file, 'utf8');
    } catch {
      existing = null;
    }
    if (existing === plan.content) return `start on login on (${plan.file})`;
    fsImpl.mkdirSync(path.dirname(plan.file), { recursive: true });
    fsImpl.writeFileSync(plan.file, plan.content, { mode: 0o644 });
    return `start on login on (${plan.file} written)`;
  } catch (e) {
    return `start on login could not be set in ${plan.file}: ${(e as Error).message}`;
  }
}
