// `npm run package:check`: everything of a release that can run without downloads.
//
// With a local Electron distribution (ELECTRON_DIST=<folder or zip>, or node_modules/electron/dist
// when the Electron binary was installed) it runs `electron-builder --linux dir --dir` against it
// (`--win dir` on Windows): the real packaging of electron-builder.yml into release/, with the
// afterPack hook flipping the fuses, then inspects the result. Without one it says what it would
// do and exits 0 (installers themselves need downloads: NSIS, AppImage and deb tools).
//
//   --stub-electron   package against a stand-in Electron (a tiny file carrying a fuse wire) in
//                     a temporary folder: proves the configuration, the file list, the asar, the
//                     unpacked native modules and the fuse hook, not the Electron binary.
//   --strict          fail (as a release would) when better-sqlite3 is built for Node, not Electron.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');

export type ElectronDist = { dir: string; source: string };

/** The local Electron distribution to package against, or null (with the reason). */
export function findElectronDist(env: NodeJS.ProcessEnv, root = ROOT): ElectronDist | { dir: null; reason: string } {
  if (env.ELECTRON_DIST) {
    const dir = path.resolve(env.ELECTRON_DIST);
    if (fs.existsSync(dir)) return { dir, source: 'ELECTRON_DIST' };
    return { dir: null, reason: `ELECTRON_DIST=${env.ELECTRON_DIST} does not exist` };
  }
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathTxt))
    return { dir: null, reason: 'ELECTRON_DIST is not set and node_modules/electron has no binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  const bin = path.join(pkgDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  if (!fs.existsSync(bin)) return { dir: null, reason: `node_modules/electron/path.txt names ${bin}, which is missing` };
  return { dir: path.join(pkgDir, 'dist'), source: 'node_modules/electron/dist' };
}

/** electron-builder's arguments for an unpacked folder build of this OS against `distDir`. */
export function builderArgs(platform: NodeJS.Platform, distDir: string, outputDir?: string): string[] {
  const target = platform === 'win32' ? ['--win', 'dir'] : ['--linux', 'dir'];
  return [...target, '--dir', `-c.electronDist=${distDir}`, ...(outputDir ? [`-c.directories.output=${outputDir}`] : [])];
}

/** A stand-in Electron folder: an executable file holding a fuse wire as Electron 41 has it. */
export function makeStubElectron(dir: string, platform: NodeJS.Platform = process.platform): string {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for npm run package:check"\nexit 0\n'),
    Buffer.alloc(32),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), // @electron/fuses' sentinel
    Buffer.from([1, 9]), // wire version 1, nine fuses
    Buffer.from('101011000'), // Electron's defaults
    Buffer.alloc(32),
  ]);
  fs.writeFileSync(path.join(dir, platform === 'win32' ? 'electron.exe' : 'electron'), wire, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), readElectronVersion());
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  return dir;
}

function readElectronVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

type Asar = { listPackage(file: string, opts?: object): string[]; extractFile(archive: string, file: string): Buffer };
type Fuses = { getCurrentFuseWire(bin: string): Promise<Record<string, unknown>>; FuseV1Options: Record<string, number | string> };

/** What the packaged folder must be; one line per problem (empty: all good). */
export async function inspectPackage(appOutDir: string, platform: NodeJS.Platform): Promise<{ problems: string[]; notes: string[] }> {
  const problems: string[] = [];
  const notes: string[] = [];
  const resources = path.join(appOutDir, 'resources');
  const asarFile = path.join(resources, 'app.asar');
  if (!fs.existsSync(asarFile)) return { problems: [`${asarFile} is missing`], notes };
  const asar = require('@electron/asar') as Asar;
  const files = asar.listPackage(asarFile).map((f) => f.replaceAll('\\', '/'));
  const has = (f: string) => files.includes(f);
  for (const f of ['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/core/kiosk.js'])
    if (!has(f)) problems.push(`app.asar lacks ${f}`);
  const ownFiles = files.filter((f) => !f.startsWith('/node_modules/'));
  const stray = ownFiles.filter((f) => /^\/(tests|renderer\/src|electron\/build|scripts)\b|^\/dist\/tests\b|\.map$|\.ts$/.test(f));
  if (stray.length) problems.push(`app.asar carries files it should not: ${stray.slice(0, 5).join(', ')}`);
  const pkg = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8')) as { main?: string; name?: string; devDependencies?: unknown };
  if (pkg.main !== 'dist/electron/main.js') problems.push(`packaged package.json main is ${pkg.main}`);
  if (pkg.devDependencies) problems.push('packaged package.json still lists devDependencies');
  // Electron names the userData folder after productName when package.json has one: it must stay
  // phone-safe-kiosk, the folder the browser-kiosk mode and kiosk:admin use too.
  if ((pkg as { productName?: string }).productName || pkg.name !== 'phone-safe-kiosk')
    problems.push(`packaged package.json would move the data folder (name ${pkg.name}, productName ${(pkg as { productName?: string }).productName})`);
  notes.push(`app.asar: ${ownFiles.length} of our files, ${files.length - ownFiles.length} under node_modules; main ${pkg.main}; name ${pkg.name}`);
  const devOnly = ['electron', 'electron-builder', 'vitest', '@playwright/test', 'typescript', 'vite'].filter((d) => files.some((f) => f.startsWith(`/node_modules/${d}/`)));
  if (devOnly.length) problems.push(`devDependencies packaged: ${devOnly.join(', ')}`);

  const sqlite = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(sqlite)) problems.push('better-sqlite3 is not unpacked from the asar');
  else notes.push(`better-sqlite3 unpacked: ${path.relative(appOutDir, sqlite)}`);

  const exe = fs.readdirSync(appOutDir).find((f) => (platform === 'win32' ? f.endsWith('.exe') : f === 'phone-safe-kiosk'));
  if (!exe) problems.push('no kiosk executable in the folder');
  else {
    const fuses = require('@electron/fuses') as Fuses;
    const wire = await fuses.getCurrentFuseWire(path.join(appOutDir, exe));
    const state = (name: string) => {
      const v = wire[String(fuses.FuseV1Options[name])];
      return v === 49 ? 'on' : v === 48 ? 'off' : v === 114 ? 'removed' : 'unset';
    };
    const want: Record<string, 'on' | 'off'> = {
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      EnableCookieEncryption: 'on',
      GrantFileProtocolExtraPrivileges: 'off',
    };
    const wrong = Object.entries(want).filter(([n, s]) => state(n) !== s && state(n) !== 'removed');
    if (wrong.length) problems.push(`fuses not as required: ${wrong.map(([n, s]) => `${n} is ${state(n)}, want ${s}`).join('; ')}`);
    notes.push(`fuses of ${exe}: ${Object.keys(want).map((n) => `${n}=${state(n)}`).join(' ')}`);
  }
  return { problems, notes };
}

function builderBin(): string {
  return path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'stub-electron': { type: 'boolean' }, strict: { type: 'boolean' } }, strict: true });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'electron', 'main.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    console.error('package:check: dist/ is not built; run `npm run build` first.');
    return 1;
  }
  let found = findElectronDist(process.env);
  let outputDir: string | undefined;
  if (values['stub-electron']) {
    if (process.platform === 'win32') {
      console.error('package:check: --stub-electron works on Linux only (a Windows build edits the real exe).');
      return 1;
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-package-check-'));
    found = { dir: makeStubElectron(path.join(tmp, 'electron-dist')), source: 'a stand-in Electron (--stub-electron)' };
    outputDir = path.join(tmp, 'release');
  }
  const platformDir = process.platform === 'win32' ? 'win-unpacked' : 'linux-unpacked';
  if (found.dir === null) {
    const args = builderArgs(process.platform, '<electron dist>');
    console.log(
      [
        `package:check: no local Electron distribution: ${found.reason}.`,
        'Nothing was packaged. With one (ELECTRON_DIST=/path/to/electron-v41-linux-x64, an unzipped',
        'Electron release, or a normal `npm ci` that downloaded the binary) this would:',
        `  1. run  npx electron-builder ${args.join(' ')}`,
        `     (no rebuild: npmRebuild is false; release/${platformDir}/ gets the kiosk with app.asar)`,
        '  2. in afterPack (electron/build/afterPack.cjs): check better-sqlite3 is unpacked and built for',
        "     Electron's ABI (a warning here, an error in a release), flip the fuses and read them back",
        '  3. inspect the folder: app.asar holds dist/ and package.json (main dist/electron/main.js) and no',
        '     tests, source maps or devDependencies; better_sqlite3.node is in app.asar.unpacked; the',
        '     executable\'s fuses are RunAsNode off, NODE_OPTIONS off, --inspect off, asar integrity on,',
        '     only-asar on, cookie encryption on, file:// privileges off',
        'Checked offline instead: `npx vitest run tests/unit/packaging.test.ts` (the schema check, the hook',
        'on a stand-in binary). `npm run package:check -- --stub-electron` runs steps 1–3 against a stand-in',
        'Electron. Installers (NSIS, AppImage, deb) need downloads: see README "Packaging and installing".',
      ].join('\n'),
    );
    return 0;
  }
  const args = builderArgs(process.platform, found.dir, outputDir);
  console.log(`package:check: packaging against ${found.source} (${found.dir})\n  npx electron-builder ${args.join(' ')}`);
  const env = { ...process.env, ...(values.strict ? {} : { KIOSK_ALLOW_NODE_ABI: '1' }) };
  const r = spawnSync(builderBin(), args, { cwd: ROOT, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`package:check: electron-builder failed (exit ${r.status ?? r.signal})`);
    return 1;
  }
  const appOutDir = path.join(outputDir ?? path.join(ROOT, 'release'), platformDir);
  const { problems, notes } = await inspectPackage(appOutDir, process.platform);
  for (const n of notes) console.log(`  ✓ ${n}`);
  for (const p of problems) console.error(`  ✗ ${p}`);
  console.log(problems.length ? `package:check: ${problems.length} problem(s) in ${appOutDir}` : `package:check: ${appOutDir} is as it should be`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
