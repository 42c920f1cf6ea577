import type { Kysely } from 'kysely';

/** Qiskit Runtime sessions and batches: jobs grouped on one backend, open for a while. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('backend', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('accepting_jobs', 'integer', (c) => c.notNull())
    .addColumn('max_ttl', 'integer', (c) => c.notNull())
    .addColumn('interactive_ttl', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('last_job_started', 'text')
    .execute();
  await db.schema.createIndex('sessions_instance_idx').on('sessions').columns(['instance_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
}
