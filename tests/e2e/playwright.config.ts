// End-to-end tests of the browser-kiosk mode in Debian's Chromium (Playwright cannot
// download its own browser on these machines). The kiosk runs on a fresh data folder.
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 5191);
process.env.E2E_PORT = String(PORT); // globalSetup and the specs call the kiosk's API on it
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
process.env.E2E_DATA_DIR = dataDir; // the config is loaded again in workers: keep one folder
// The office hub runs embedded in the browser kiosk, as on a one-PC reception, and the kiosk
// pairs with it by itself: the console specs and the kiosk specs see the same school.
const OFFICE_PORT = Number(process.env.E2E_OFFICE_PORT ?? 5192);
process.env.E2E_OFFICE_DATA_DIR = path.join(dataDir, 'office'); // first-run set-up code: <office dir>/setup-code.txt
process.env.E2E_OFFICE_PORT = String(OFFICE_PORT);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  // After the webServer is up: set the fresh kiosk up (its roll-call PIN) so visitors can sign in.
  globalSetup: './globalSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1080, height: 1920 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  webServer: {
    // Sync every second (not every 5) so a change in the console reaches the kiosk quickly.
    command: `node dist/scripts/browserKiosk.js --data-dir ${dataDir} --port ${PORT} --office-port ${OFFICE_PORT} --sync-interval-ms 1000`,
    cwd: path.resolve(import.meta.dirname, '../..'),
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
