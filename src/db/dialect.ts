/**
 * The few places where SQLite and PostgreSQL differ, in one file.
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

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
