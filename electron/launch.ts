// Command-line and environment of the Electron shell, parsed without `electron` so it is testable.
//   --data-dir <dir>   where the kiosk's database and site.json live (or KIOSK_DATA_DIR);
//                      default: Electron's userData folder
//   --config <file>    site configuration file (default <data-dir>/site.json)
//   --dev              windowed, devtools allowed (devtools never in a packaged build)
import path from 'node:path';
import { parseArgs } from 'node:util';

export type LaunchOptions = { dataDir: string; configFile?: string; dev: boolean };

/** The arguments meant for us: packaged builds put them after the executable, `electron main.js`
 *  after the script. Chromium switches may be mixed in, hence the lenient parse below. */
export function userArgs(argv: readonly string[], isPackaged: boolean): string[] {
  return argv.slice(isPackaged ? 1 : 2);
}

export function launchOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>, userDataDir: string): LaunchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { 'data-dir': { type: 'string' }, config: { type: 'string' }, dev: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const dataDir = path.resolve(text(values['data-dir']) ?? text(env.KIOSK_DATA_DIR) ?? userDataDir);
  const config = text(values.config);
  const dev = values.dev === true;
  return config ? { dataDir, configFile: path.resolve(config), dev } : { dataDir, dev };
}
