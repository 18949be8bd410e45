// "Start on login" from site.json, decided without Electron (electron/autostart.ts), and the
// config flag's validation.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteConfig } from '../../core/site/config.js';
import { applyDesktopFilePlan, autostartPlan, desktopEntry, desktopExecQuote, type AutostartInput } from '../../electron/autostart.js';
import { tempDir } from '../support/tempKiosk.js';

const base: AutostartInput = {
  platform: 'linux',
  isPackaged: true,
  startOnLogin: true,
  execPath: '/opt/Phone-safe Visitor Kiosk/phone-safe-kiosk',
  env: {},
  homeDir: '/home/kiosk',
};

describe('startOnLogin in site.json', () => {
  it('is an optional boolean', () => {
    expect(SiteConfig.parse({ startOnLogin: true }).startOnLogin).toBe(true);
    expect(SiteConfig.parse({}).startOnLogin).toBeUndefined();
    expect(SiteConfig.safeParse({ startOnLogin: 'yes' }).success).toBe(false);
  });
});

describe('the plan', () => {
  it('left out of site.json: the computer’s own start-up settings are left alone', () => {
    expect(autostartPlan({ ...base, startOnLogin: undefined })).toMatchObject({ kind: 'none' });
  });

  it('never registers a development run (it would start the bare Electron binary)', () => {
    expect(autostartPlan({ ...base, isPackaged: false })).toMatchObject({ kind: 'none', reason: 'not a packaged build' });
  });

  it('Windows: a login item for the installed exe, on or off', () => {
    const exe = 'C:\\Program Files\\Phone-safe Visitor Kiosk\\phone-safe-kiosk.exe';
    expect(autostartPlan({ ...base, platform: 'win32', execPath: exe })).toEqual({ kind: 'login-item', openAtLogin: true, path: exe });
    expect(autostartPlan({ ...base, platform: 'win32', execPath: exe, startOnLogin: false })).toEqual({ kind: 'login-item', openAtLogin: false, path: exe });
  });

  it('Linux deb: an XDG autostart entry for the installed executable, quoted (the folder has spaces)', () => {
    const plan = autostartPlan(base);
    expect(plan).toMatchObject({ kind: 'desktop-file', file: '/home/kiosk/.config/autostart/phone-safe-kiosk.desktop' });
    const content = (plan as { content: string }).content;
    expect(content).toContain('[Desktop Entry]\nType=Application\n');
    expect(content).toContain('Exec="/opt/Phone-safe Visitor Kiosk/phone-safe-kiosk"\n');
  });

  it('Linux AppImage: the entry points at the AppImage file, not its temporary mount; XDG_CONFIG_HOME is honoured', () => {
    const plan = autostartPlan({
      ...base,
      execPath: '/tmp/.mount_phoneXYZ/phone-safe-kiosk',
      env: { APPIMAGE: '/home/kiosk/Apps/phone-safe-kiosk-0.1.0-x86_64.AppImage', XDG_CONFIG_HOME: '/srv/kiosk-config' },
    });
    expect(plan).toMatchObject({ kind: 'desktop-file', file: '/srv/kiosk-config/autostart/phone-safe-kiosk.desktop' });
    expect((plan as { content: string }).content).toContain('Exec=/home/kiosk/Apps/phone-safe-kiosk-0.1.0-x86_64.AppImage\n');
  });

  it('Linux, turned off: the entry is removed', () => {
    expect(autostartPlan({ ...base, startOnLogin: false })).toMatchObject({ kind: 'desktop-file', content: null });
  });

  it('quotes Exec arguments as the Desktop Entry Specification says, and refuses line breaks', () => {
    expect(desktopExecQuote('/opt/kiosk/run')).toBe('/opt/kiosk/run');
    expect(desktopExecQuote('/opt/a b/$x"y`z\\w 100%')).toBe('"/opt/a b/\\$x\\"y\\`z\\\\w 100%%"');
    expect(() => desktopEntry('/opt/kiosk\nExec=/bin/sh')).toThrow(/line breaks/);
  });
});

describe('applying the Linux plan', () => {
  it('writes the entry, leaves an identical one alone, and removes it when turned off; never throws', () => {
    const home = tempDir('kiosk-home-');
    const on = autostartPlan({ ...base, homeDir: home });
    if (on.kind !== 'desktop-file') throw new Error('expected a desktop file');
    expect(applyDesktopFilePlan(on)).toMatch(/written/);
    expect(fs.readFileSync(on.file, 'utf8')).toBe(on.content);
    expect(applyDesktopFilePlan(on)).not.toMatch(/written/);
    const off = autostartPlan({ ...base, homeDir: home, startOnLogin: false });
    if (off.kind !== 'desktop-file') throw new Error('expected a desktop file');
    expect(applyDesktopFilePlan(off)).toMatch(/removed/);
    expect(fs.existsSync(on.file)).toBe(false);
    // A home that is a file: reported, not thrown.
    const bad = path.join(home, 'not-a-dir');
    fs.writeFileSync(bad, '');
    const broken = autostartPlan({ ...base, homeDir: bad });
    if (broken.kind !== 'desktop-file') throw new Error('expected a desktop file');
    expect(applyDesktopFilePlan(broken)).toMatch(/could not be set/);
    fs.rmSync(home, { recursive: true, force: true });
  });
});
