import { sql, type Kysely } from 'kysely';

/**
 * Usage per instance and month, kept as a running total: checking an instance's usage before every
 * job reads one row, not every job it finished this month. A job's seconds count in the month it
 * finished (UTC), as before; existing jobs are summed in once here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instance_usage')
    .addColumn('instance_id', 'text', (c) => c.notNull())
    /** `YYYY-MM` (UTC) */
    .addColumn('period', 'text', (c) => c.notNull())
    // Double precision: a running total of many small amounts (PostgreSQL's real would round it to 7 digits).
    .addColumn('seconds', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('instance_usage_pk', ['instance_id', 'period'])
    .execute();
  await sql`INSERT INTO instance_usage (instance_id, period, seconds)
    SELECT instance_id, substr(finished_at, 1, 7), SUM(usage_seconds) FROM jobs
    WHERE finished_at IS NOT NULL AND usage_seconds > 0 GROUP BY instance_id, substr(finished_at, 1, 7)`.execute(db);
  await db.schema.dropIndex('jobs_usage_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('jobs_usage_idx').on('jobs').columns(['instance_id', 'finished_at']).execute();
  await db.schema.dropTable('instance_usage').execute();
}
