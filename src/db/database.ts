/**
 * Opens the store named by the configuration (embedded SQLite, or PostgreSQL) and migrates it.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import type { DialectName } from './dialect.js';
import { migrationProvider } from './migrations/index.js';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** The PostgreSQL pool, for LISTEN/NOTIFY; undefined on SQLite. */
  readonly pool: pg.Pool | undefined;
  /** A readable name for logs (never the password). */
  readonly description: string;
  close(): Promise<void>;
}

// PostgreSQL BIGINT (audit and change-log sequences) fits a JS number for any realistic count.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(options: { databaseUrl: string | undefined; dataDir: string; onIdleError?: (err: Error) => void }): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection that the server drops (a restart, an administrator) must not end the process;
    // the pool replaces it on the next checkout.
    pool.on('error', (err) => options.onIdleError?.(err));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      dialect: 'postgres',
      pool,
      description: `postgres://${url.host}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'qgate.sqlite');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit that was acknowledged survives a power loss, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', pool: undefined, description: `sqlite:${file}`, close: () => db.destroy() };
}

/**
 * Reuses prepared statements: Kysely prepares every query anew, and on hot paths (a token exchange,
 * an authenticated read) preparing costs as much as running. Statements run synchronously one at a
 * time on this single connection, so sharing one is safe.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500): SqliteDialectConfig['database'] & object {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** Applies pending migrations under the store's migration lock (several nodes may start at once). */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
