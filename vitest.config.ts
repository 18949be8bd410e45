import { defineConfig } from 'vitest/config';

// The office hub runs on SQLite (one school, the default) or PostgreSQL (a trust). Every test
// file that opens a hub runs twice: once as it is, once with its hubs in a real PostgreSQL
// server (tests/support/postgresGlobalSetup.ts). A case that fails on either engine fails.
export const OFFICE_TESTS = [
  'tests/integration/office-*.test.ts',
  'tests/integration/sync-*.test.ts',
  'tests/integration/data-permissions.test.ts',
  'tests/integration/kiosk-pair-while-running.test.ts',
  'tests/integration/privacy-notice.test.ts',
  'tests/integration/reception-desk.test.ts',
  'tests/integration/retention.test.ts',
  'tests/integration/rollcall-clock.test.ts',
  'tests/integration/staff-kiosk-pins.test.ts',
  'tests/integration/subject-access.test.ts',
  'tests/integration/subject-access-everything.test.ts',
  'tests/integration/trust-*.test.ts',
  'tests/integration/notifications-*.test.ts',
  'tests/unit/badge-prefix.test.ts',
  'tests/unit/office-*.test.ts',
  'tests/integration/admission-*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real SQLite files under a temp dir per test; parallel files are fine.
    pool: 'forks',
    projects: [
      // The server's address is set by the postgres project's globalSetup in the main process:
      // blank it here so this project's forks never inherit it.
      { extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], env: { OFFICE_TEST_DATABASE_URL: '' } } },
      {
        extends: true,
        test: { name: 'postgres', include: OFFICE_TESTS, globalSetup: ['tests/support/postgresGlobalSetup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
