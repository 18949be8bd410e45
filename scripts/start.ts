// `npm start`: the Electron kiosk when the Electron binary is installed, otherwise the
// browser-kiosk mode (a loopback Node host serving the same screens over HTTP).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBrowserKiosk } from './browserKiosk.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

/** The Electron binary's path, or null when it was never downloaded (as on offline build machines). */
export function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.existsSync(path.join(pkgDir, 'path.txt')) ? fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim() : '';
    const bin = rel ? path.join(pkgDir, 'dist', rel) : '';
    return bin && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const { values } = parseArgs({ args, options: { browser: { type: 'boolean', default: false } }, strict: false });
const bin = values.browser ? null : electronBinary();
if (bin) {
  const child = spawn(bin, [path.join(root, 'dist', 'electron', 'main.js'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!values.browser) console.log('Electron is not installed on this machine (no binary); starting the browser-kiosk mode instead.');
  await runBrowserKiosk(args.filter((a) => a !== '--browser'));
}
