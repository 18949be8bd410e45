// How the hub's migrations run on PostgreSQL: the same numbered list as on SQLite (each step
// carries its `pg` twin), the same order and "from the future" guard (core/db/migrations.ts
// runMigrations); the version lives in a one-row table instead of PRAGMA user_version.
import type { Db } from '../../db/open.js';
import type { Migration, MigrationEngine } from '../../db/migrations.js';

export type HubMigration = Migration & { pg: string };

export const POSTGRES_MIGRATIONS: MigrationEngine<HubMigration> = {
  version(db: Db): number {
    db.exec('CREATE TABLE IF NOT EXISTS hub_schema_version (version BIGINT NOT NULL)');
    return db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM hub_schema_version').pluck().get() as number;
  },
  apply(db: Db, m: HubMigration): void {
    if (!m.pg.trim()) throw new Error(`Hub migration ${m.version} has no PostgreSQL step.`);
    db.exec(m.pg);
  },
  setVersion(db: Db, version: number): void {
    db.exec('DELETE FROM hub_schema_version');
    db.prepare('INSERT INTO hub_schema_version (version) VALUES (?)').run(version);
  },
};
