// Where the office hub keeps office.sqlite3 and its first-run set-up code when not told:
// OFFICE_DATA_DIR, else an `office` folder in the kiosk's default data folder, so a one-PC
// site (kiosk and hub on the reception PC) has everything in one place to back up.
import path from 'node:path';
import { defaultDataDir } from '../db/open.js';

export function defaultOfficeDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.OFFICE_DATA_DIR) return path.resolve(env.OFFICE_DATA_DIR);
  return path.join(defaultDataDir(env, platform), 'office');
}
