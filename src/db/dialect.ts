/**
 * The few places where SQLite and PostgreSQL differ, in one file.
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Starts a table whose `column` is an auto-incrementing integer primary key on either store. */
export function withSerialKey(db: Kysely<any>, table: string, column: string): CreateTableBuilder<string, string> {
  const builder = db.schema.createTable(table);
  return dialectOf(db) === 'postgres'
    ? builder.addColumn(column, sql`bigserial`, (c) => c.primaryKey())
    : builder.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** True for a unique-constraint violation on either store. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * `column` contains `needle` as typed. No character is a wildcard: LIKE would take `%` and `_` as
 * ones, and stripping them would miss `run_7`. Case counts on both stores (LIKE ignores it on SQLite
 * only) unless `ignoreCase`, where both sides are lower-cased (SQLite's lower() folds ASCII only).
 */
export function contains(db: Kysely<any>, column: string, needle: string, options: { ignoreCase?: boolean } = {}): RawBuilder<boolean> {
  const ref = options.ignoreCase ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  const value = options.ignoreCase ? needle.toLowerCase() : needle;
  return dialectOf(db) === 'postgres' ? sql<boolean>`strpos(${ref}, ${value}) > 0` : sql<boolean>`instr(${ref}, ${value}) > 0`;
}
