import { defineConfig } from 'vitest/config';

// The office hub runs on SQLite (one school, the default) or PostgreSQL (a trust). Every test
// file that opens a hub runs twice: once as it is, once with its hubs in a real PostgreSQL
// server (tests/support/postgresGlobalSetup.ts). A case that fails on either engine fails.
export const OFFICE_TESTS = [
  'tests/integration/trust-*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real SQLite files under a temp dir per test; parallel files are fine.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'postgres', include: OFFICE_TESTS, globalSetup: ['tests/support/postgresGlobalSetup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
