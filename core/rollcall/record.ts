// Every roll-call PDF a kiosk makes is also kept in its data folder (roll-calls/), so the
// record of who was on site and who was marked safe survives the screen being closed.
import fs from 'node:fs';
import path from 'node:path';
import type { RollCall } from '../../shared/rollcall.js';
import { privateDir } from '../db/private.js';

export function keepRollCallPdf(dataDir: string | undefined, rc: RollCall, pdf: Buffer, log: (m: string, e?: unknown) => void): string {
  const fileName = `roll-call-${rc.generatedAt.replace(/[:.]/g, '-')}.pdf`;
  if (!dataDir) return fileName;
  try {
    const dir = path.join(dataDir, 'roll-calls');
    privateDir(dir, { tightenExisting: true });
    fs.writeFileSync(path.join(dir, fileName), pdf, { mode: 0o600 });
  } catch (e) {
    log('could not keep the roll-call PDF in the data folder', e); // the PDF is still handed to the screen
  }
  return fileName;
}
