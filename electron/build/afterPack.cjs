// @ts-check
// electron-builder `afterPack` hook (see electron-builder.yml): runs after the app is packed into
// the Electron folder (app.asar built, asar integrity embedded in the Windows exe) and BEFORE
// code signing, which is where fuses must be flipped (the signature covers the binary).
//
// 1. Flips the Electron fuses of the packaged binary (@electron/fuses) and reads them back.
// 2. Guards the native module: better-sqlite3 must sit outside the asar and be built for
//    Electron's ABI. A build for plain Node's ABI (what `npm ci` gives, and what
//    `install-app-deps` silently leaves behind when it cannot download Electron's headers)
//    would install fine and crash at the kiosk's first start, so it stops the release here.
//    `KIOSK_ALLOW_NODE_ABI=1` turns that into a warning (offline `npm run package:check`).
//
// CommonJS on purpose: electron-builder loads hooks with require/import, and this file must work
// before and without a TypeScript build. Unit-tested in tests/unit/packaging.test.ts.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = require('@electron/fuses');

/** A fuse's byte in the wire ('0', '1', 'r'): @electron/fuses' FuseState, which it does not export. */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31, REMOVED: 0x72 };

/** The kiosk's fuses: what each one shuts. */
const KIOSK_FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the signed kiosk exe into a general Node.js interpreter.
  RunAsNode: false,
  // NODE_OPTIONS (--require, --inspect…) must not inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk on a shortcut would open a debugger port into the main process.
  EnableNodeCliInspectArguments: false,
  // A tampered app.asar is refused (Windows and macOS; Linux has no OS integrity layer to tie it to).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only resources/app.asar is loaded: a resources/app folder dropped beside it is ignored.
  OnlyLoadAppFromAsar: true,
  // Cookies and other session secrets encrypted at rest with the OS keystore.
  EnableCookieEncryption: true,
  // file:// gets no extra privileges (the screens come from app://kiosk/, never file://).
  GrantFileProtocolExtraPrivileges: false,
  // Default (off), stated so the whole known wire is explicit.
  LoadBrowserProcessSpecificV8Snapshot: false,
};

/** The @electron/fuses configuration for KIOSK_FUSES. */
function fuseConfig() {
  /** @type {import('@electron/fuses').FuseV1Config} */
  const config = { version: FuseVersion.V1 };
  for (const [name, on] of Object.entries(KIOSK_FUSES)) {
    const index = /** @type {Record<string, number>} */ (/** @type {unknown} */ (FuseV1Options))[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    /** @type {Record<number, boolean>} */ (/** @type {unknown} */ (config))[index] = on;
  }
  return config;
}

/** Paths inside an unpacked app folder (appOutDir) for Linux and Windows builds.
 *  @param {Pick<import('electron-builder').AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>} context */
function packagedPaths(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName !== 'linux' && electronPlatformName !== 'win32')
    throw new Error(`afterPack: the kiosk is packaged for Linux and Windows only, not ${electronPlatformName}`);
  const exe =
    electronPlatformName === 'win32'
      ? `${packager.appInfo.productFilename}.exe`
      : /** @type {{ executableName: string }} */ (/** @type {unknown} */ (packager)).executableName;
  const resources = path.join(appOutDir, 'resources');
  return {
    binary: path.join(appOutDir, exe),
    asar: path.join(resources, 'app.asar'),
    sqliteNode: path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  };
}

/** Flip the fuses, then read them back: a wire that did not take is an error, not a hope.
 *  @param {string} binary @param {(msg: string) => void} [log] */
async function applyFuses(binary, log = console.log) {
  await flipFuses(binary, fuseConfig());
  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.entries(KIOSK_FUSES).filter(([name, on]) => {
    const index = /** @type {Record<string, number>} */ (/** @type {unknown} */ (FuseV1Options))[name];
    const state = /** @type {Record<number, number>} */ (/** @type {unknown} */ (wire))[/** @type {number} */ (index)];
    return state !== FuseState.REMOVED && state !== (on ? FuseState.ENABLE : FuseState.DISABLE);
  });
  if (wrong.length) throw new Error(`afterPack: fuses did not take in ${binary}: ${wrong.map(([n]) => n).join(', ')}`);
  log(`  • fuses set on ${path.basename(binary)}: ${Object.entries(KIOSK_FUSES).map(([n, on]) => `${n}=${on ? 'on' : 'off'}`).join(' ')}`);
}

/** Electron's NODE_MODULE_VERSION, from the installed electron package (abi_version).
 *  @param {string} projectDir @returns {string | null} */
function electronAbi(projectDir) {
  try {
    return fs.readFileSync(path.join(path.dirname(require.resolve('electron/package.json', { paths: [projectDir] })), 'abi_version'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Which ABI a native module was built for, found by asking this machine's Node to load it:
 * 'node' (it loaded: plain Node's ABI), a NODE_MODULE_VERSION number from Node's refusal, or
 * null when that cannot be told (another OS or CPU, or an unrelated load error).
 * @param {string} file @returns {string | null}
 */
function nativeModuleAbi(file) {
  const r = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`], { encoding: 'utf8', timeout: 30_000 });
  if (r.status === 0) return 'node';
  const m = /NODE_MODULE_VERSION (\d+)/.exec(`${r.stderr}`);
  return m ? /** @type {string} */ (m[1]) : null;
}

/** better-sqlite3 is outside the asar and built for Electron's ABI (when this host can tell).
 *  @param {Pick<import('electron-builder').AfterPackContext, 'arch' | 'electronPlatformName' | 'packager'>} context
 *  @param {{ sqliteNode: string }} paths @param {(msg: string) => void} [log] @param {NodeJS.ProcessEnv} [env]
 *  @returns {'electron' | 'unchecked' | 'wrong-abi-allowed'} */
function checkNativeModule(context, paths, log = console.log, env = process.env) {
  if (!fs.existsSync(paths.sqliteNode))
    throw new Error(`afterPack: ${paths.sqliteNode} is missing: better-sqlite3 must be unpacked from the asar (asarUnpack in electron-builder.yml)`);
  const archName = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' }[/** @type {number} */ (context.arch)];
  if (context.electronPlatformName !== process.platform || archName !== process.arch) {
    log(`  • better-sqlite3 built for ${context.electronPlatformName}/${archName} cannot be checked on ${process.platform}/${process.arch}; build each platform on its own OS`);
    return 'unchecked';
  }
  const abi = nativeModuleAbi(paths.sqliteNode);
  const want = electronAbi(context.packager.projectDir);
  if (abi !== null && abi !== 'node' && (want === null || abi === want)) {
    log(`  • better-sqlite3 is built for Electron (NODE_MODULE_VERSION ${abi})`);
    return 'electron';
  }
  const what = abi === 'node' ? `plain Node's ABI (NODE_MODULE_VERSION ${process.versions.modules})` : abi === null ? 'an ABI that could not be read' : `NODE_MODULE_VERSION ${abi}`;
  const msg =
    `better-sqlite3 in this package is built for ${what}, not Electron's (${want ?? 'unknown'}): the kiosk would fail at start. ` +
    'Run `npx electron-builder install-app-deps` on a machine with internet access (it downloads Electron\'s headers), then package again.';
  if (env.KIOSK_ALLOW_NODE_ABI === '1') {
    log(`  ⚠ ${msg} (allowed by KIOSK_ALLOW_NODE_ABI=1: this folder is for checking the packaging only)`);
    return 'wrong-abi-allowed';
  }
  throw new Error(`afterPack: ${msg}`);
}

/** @param {import('electron-builder').AfterPackContext} context */
async function afterPack(context) {
  const paths = packagedPaths(context);
  if (!fs.existsSync(paths.asar)) throw new Error(`afterPack: ${paths.asar} is missing: the kiosk must be packed into an asar (OnlyLoadAppFromAsar)`);
  checkNativeModule(context, paths);
  await applyFuses(paths.binary);
}

module.exports = { afterPack, default: afterPack, KIOSK_FUSES, fuseConfig, applyFuses, checkNativeModule, nativeModuleAbi, packagedPaths };
