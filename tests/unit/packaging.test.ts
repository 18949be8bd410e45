// electron-builder.yml checked by electron-builder itself (the same loader and JSON-schema
// validation `electron-builder` runs before packaging), plus what a reception PC needs of it:
// the fuse hook (run on a stand-in Electron binary), better-sqlite3 outside the asar, no tests in
// the package, icons that exist and are the right size. No Electron binary, no network.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { icoSizes, renderPng } from '../../scripts/makeIcons.js';
import { builderArgs, findElectronDist, makeStubElectron } from '../../scripts/packageCheck.js';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// electron-builder's own modules, resolved the way electron-builder resolves them.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));

type Config = Record<string, unknown> & {
  afterPack?: string;
  files?: (string | { filter?: string[] })[];
  asarUnpack?: string[];
  extraMetadata?: Record<string, unknown>;
  directories?: { buildResources?: string };
  win?: Record<string, unknown> & { target?: unknown };
  nsis?: Record<string, unknown>;
  linux?: Record<string, unknown> & { target?: unknown };
  icon?: string;
};
const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled?: boolean) => unknown };
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { minimatch } = builderRequire('minimatch') as { minimatch(p: string, pattern: string, o?: object): boolean };

type Hook = {
  afterPack: (context: unknown) => Promise<void>;
  default: unknown;
  KIOSK_FUSES: Record<string, boolean>;
  fuseConfig(): Record<string | number, unknown>;
};
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire(bin: string): Promise<Record<string, number | string>>;
  FuseV1Options: Record<string, number>;
};

const raw = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
let merged: Config;
beforeAll(async () => {
  merged = await getConfig(root, null, null); // finds electron-builder.yml as electron-builder does
});

describe("electron-builder's own schema check", () => {
  it('accepts electron-builder.yml', async () => {
    expect(merged.appId).toBe('uk.school.phonesafe.kiosk');
    await expect(validateConfiguration(merged, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is a live check: it rejects a misspelt option and a wrong type', async () => {
    const typo = { ...structuredClone(merged), nsis: { ...merged.nsis, perMachin: true } };
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
    const wrongType = { ...structuredClone(merged), nsis: { ...merged.nsis, perMachine: 'sometimes' } };
    await expect(validateConfiguration(wrongType, new DebugLogger(false))).rejects.toThrow(/perMachine/);
  });
});

describe('targets for a reception PC', () => {
  it('Windows: a per-machine NSIS installer with shortcuts that starts the kiosk when done, keeping data on uninstall', () => {
    expect(JSON.stringify(raw.win?.target)).toContain('"nsis"');
    expect(raw.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      runAfterFinish: true,
      deleteAppDataOnUninstall: false,
    });
  });

  it('Linux: AppImage and deb', () => {
    const targets = JSON.stringify(raw.linux?.target);
    expect(targets).toContain('"AppImage"');
    expect(targets).toContain('"deb"');
  });

  it('runs the built main process and keeps the data folder name', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; name: string };
    expect(raw.extraMetadata?.main).toBe('dist/electron/main.js');
    expect(raw.extraMetadata?.main).toBe(pkg.main);
    expect(raw.extraMetadata?.name ?? pkg.name).toBe('phone-safe-kiosk'); // Electron's userData folder
    expect(fs.existsSync(path.join(root, 'electron', 'main.ts'))).toBe(true);
  });
});

describe('what goes into the package', () => {
  const patterns = () => (raw.files ?? []).filter((f): f is string => typeof f === 'string');
  const excluded = (file: string) => patterns().filter((p) => p.startsWith('!')).some((p) => minimatch(file, p.slice(1), { dot: true }));
  /** electron-builder's rule for our own files: some positive pattern matches and no negation does.
   *  (Production node_modules are added by electron-builder itself; the negations still apply.) */
  const packaged = (file: string) => patterns().filter((p) => !p.startsWith('!')).some((p) => minimatch(file, p, { dot: true })) && !excluded(file);

  it('ships the built code, not the tests, sources, maps or build scripts', () => {
    for (const f of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/core/kiosk.js', 'dist/scripts/kioskAdmin.js'])
      expect(packaged(f), f).toBe(true);
    for (const f of [
      'tests/unit/packaging.test.ts',
      'dist/tests/bench/run.js',
      'dist/tests/support/tempKiosk.js',
      'dist/core/kiosk.js.map',
      'electron/main.ts',
      'renderer/src/App.tsx',
      'electron/build/afterPack.cjs',
      'dist/scripts/packageCheck.js',
      'dist/scripts/makeIcons.js',
    ])
      expect(packaged(f), f).toBe(false);
  });

  it('keeps better-sqlite3 (and any other native addon) outside the asar, with its JavaScript', () => {
    const unpacked = (f: string) => (raw.asarUnpack ?? []).some((p) => minimatch(f, p, { dot: true, matchBase: false }));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(unpacked('node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node')).toBe(true);
    expect(unpacked('dist/core/kiosk.js')).toBe(false);
    expect(excluded('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(excluded('node_modules/better-sqlite3/lib/database.js')).toBe(false);
    expect(excluded('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(true); // sources and build leftovers stay behind
    expect(excluded('node_modules/better-sqlite3/build/Release/obj.target/better_sqlite3.o')).toBe(true);
  });

  it('does not rebuild native modules while packaging (an explicit release step does, with internet)', () => {
    expect(raw.npmRebuild).toBe(false);
  });
});

describe('icons', () => {
  const assets = path.join(root, 'assets');

  it('every icon the configuration names exists', () => {
    const named = [raw.icon, raw.win?.icon, raw.linux?.icon, raw.nsis?.installerIcon, raw.nsis?.uninstallerIcon, raw.nsis?.installerHeaderIcon];
    expect(named.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    for (const f of named) if (typeof f === 'string') expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    expect(raw.directories?.buildResources).toBe('assets');
  });

  it('icon.png is 512×512 and drawn from icon.svg (run `npm run icons` after changing the SVG)', () => {
    const png = PNG.sync.read(fs.readFileSync(path.join(assets, 'icon.png')));
    expect([png.width, png.height]).toEqual([512, 512]);
    const fresh = PNG.sync.read(renderPng(fs.readFileSync(path.join(assets, 'icon.svg'), 'utf8'), 512));
    let off = 0;
    for (let i = 0; i < png.data.length; i++) if (Math.abs(png.data[i]! - fresh.data[i]!) > 8) off++;
    expect(off / png.data.length).toBeLessThan(0.001);
  });

  it('icon.ico carries 16 to 256 px (Windows wants a 256 px image for the exe and installer)', () => {
    const ico = fs.readFileSync(path.join(assets, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    expect(icoSizes(ico)).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });
});

describe('the afterPack hook: fuses and the native-module guard', () => {
  const hookFile = path.resolve(root, raw.afterPack ?? '');
  const hook = () => require(hookFile) as Hook;
  const dirs: string[] = [];
  const savedEnv = process.env.KIOSK_ALLOW_NODE_ABI;
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    if (savedEnv === undefined) delete process.env.KIOSK_ALLOW_NODE_ABI;
    else process.env.KIOSK_ALLOW_NODE_ABI = savedEnv;
  });

  /** A packed Linux app folder as electron-builder leaves it before afterPack, with a stand-in binary. */
  function packedApp(opts: { sqlite: boolean }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-afterpack-'));
    dirs.push(dir);
    makeStubElectron(dir, 'linux');
    fs.renameSync(path.join(dir, 'electron'), path.join(dir, 'phone-safe-kiosk'));
    fs.writeFileSync(path.join(dir, 'resources', 'app.asar'), '');
    if (opts.sqlite) {
      const dest = path.join(dir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
      fs.mkdirSync(dest, { recursive: true });
      // The one npm ci built for Node's ABI, as an offline machine has it.
      fs.copyFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), path.join(dest, 'better_sqlite3.node'));
    }
    const context = {
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1, // x64
      packager: { executableName: 'phone-safe-kiosk', appInfo: { productFilename: 'phone-safe-kiosk' }, projectDir: root },
    };
    return { dir, binary: path.join(dir, 'phone-safe-kiosk'), context };
  }

  async function fuseStates(binary: string): Promise<Record<string, string>> {
    const wire = await fuses.getCurrentFuseWire(binary);
    const out: Record<string, string> = {};
    for (const name of Object.keys(hook().KIOSK_FUSES)) {
      const v = wire[String(fuses.FuseV1Options[name])];
      out[name] = v === 49 ? 'on' : v === 48 ? 'off' : String(v);
    }
    return out;
  }

  it('is referenced by electron-builder.yml and exports a function electron-builder will call', () => {
    expect(raw.afterPack).toBe('./electron/build/afterPack.cjs');
    expect(fs.existsSync(hookFile)).toBe(true);
    expect(typeof hook().afterPack).toBe('function');
    expect(hook().default).toBe(hook().afterPack);
  });

  it('sets exactly the fuses the hardening checklist asks for', () => {
    expect(hook().KIOSK_FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    const cfg = hook().fuseConfig();
    expect(cfg.version).toBe('1');
    expect(cfg[fuses.FuseV1Options.RunAsNode!]).toBe(false);
    expect(cfg[fuses.FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
  });

  it('flips the fuses of the packaged binary (a stand-in with a real fuse wire) and reads them back', async () => {
    process.env.KIOSK_ALLOW_NODE_ABI = '1';
    const { binary, context } = packedApp({ sqlite: true });
    const before = await fuseStates(binary);
    expect(before.RunAsNode).toBe('on'); // Electron's default
    await hook().afterPack(context);
    expect(await fuseStates(binary)).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });

  it('refuses a package whose better-sqlite3 is built for Node instead of Electron (a release must rebuild it)', async () => {
    delete process.env.KIOSK_ALLOW_NODE_ABI;
    const { binary, context } = packedApp({ sqlite: true });
    await expect(hook().afterPack(context)).rejects.toThrow(/plain Node's ABI.*install-app-deps/);
    expect((await fuseStates(binary)).RunAsNode).toBe('on'); // stopped before touching the binary
  });

  it('refuses a package where better-sqlite3 was left inside the asar', async () => {
    process.env.KIOSK_ALLOW_NODE_ABI = '1';
    const { context } = packedApp({ sqlite: false });
    await expect(hook().afterPack(context)).rejects.toThrow(/must be unpacked from the asar/);
  });
});

describe('npm run package:check', () => {
  it('packages only against a local Electron distribution, and says why not otherwise', () => {
    const none = findElectronDist({}, fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-noelectron-')));
    expect(none.dir).toBeNull();
    expect(findElectronDist({ ELECTRON_DIST: '/nonexistent/electron-dist' }).dir).toBeNull();
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-dist-'));
    expect(findElectronDist({ ELECTRON_DIST: dist })).toEqual({ dir: dist, source: 'ELECTRON_DIST' });
    fs.rmSync(dist, { recursive: true });
  });

  it('builds an unpacked folder for this OS only, against the given distribution', () => {
    expect(builderArgs('linux', '/opt/electron')).toEqual(['--linux', 'dir', '--dir', '-c.electronDist=/opt/electron']);
    expect(builderArgs('win32', 'C:\\electron')).toEqual(['--win', 'dir', '--dir', '-c.electronDist=C:\\electron']);
  });
});
