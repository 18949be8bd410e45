// Data folders and the files in them are for the computer's user alone: on Linux and macOS a
// folder is 0700 and a database (with its -wal and -shm) or key file 0600, whatever the umask,
// and an older install's looser modes are tightened when the kiosk or hub opens them. Windows
// has no modes: there a per-user folder (%APPDATA%) is already private to that account, and a
// folder given with --data-dir should be restricted with its own permissions (README).
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = (platform: NodeJS.Platform) => platform !== 'win32';

/** Only what we own: a shared folder given by mistake (/tmp) is never changed for everyone. */
function ours(p: string): boolean {
  try {
    const uid = process.getuid?.();
    return uid === undefined || fs.statSync(p).uid === uid;
  } catch {
    return false;
  }
}

/**
 * Make the folder (and its parents) if missing, the user's alone. A folder that was already
 * there is tightened only when `tightenExisting` says it is ours (it already holds our
 * database: an older install), never when it is a shared folder (sticky, as /tmp) or another
 * user's: pointing --data-dir at the wrong place must not lock others out of it.
 */
export function privateDir(dir: string, opts: { tightenExisting?: boolean } = {}, platform: NodeJS.Platform = process.platform): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!posix(platform) || (existed && !opts.tightenExisting)) return;
  const st = fs.statSync(dir);
  if (st.mode & 0o1000 || !ours(dir)) return;
  if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tighten each existing file to the user's alone (missing ones are skipped). */
export function privateFiles(files: readonly string[], platform: NodeJS.Platform = process.platform): void {
  if (!posix(platform)) return;
  for (const f of files) {
    try {
      if ((fs.statSync(f).mode & 0o777) !== PRIVATE_FILE_MODE && ours(f)) fs.chmodSync(f, PRIVATE_FILE_MODE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/** Create an empty file 0600 if it is missing, so that SQLite (which gives -wal and -shm the
 *  database's mode) never makes it readable by others even for a moment. */
export function createPrivateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  if (!posix(platform)) return;
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
