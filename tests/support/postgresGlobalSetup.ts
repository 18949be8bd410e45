// vitest globalSetup for the "office on PostgreSQL" project: one real server for the whole run;
// workers learn its address from the environment (they are forked after this runs).
import { startTestPostgres, TEST_DATABASE_ENV, type TestPostgres } from './postgres.js';

let server: TestPostgres | undefined;

export async function setup(): Promise<void> {
  server = await startTestPostgres();
  process.env[TEST_DATABASE_ENV] = server.url;
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
