import type { Kysely } from 'kysely';

/** Qiskit Runtime jobs: the durable queue and the record users read. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('backend', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    /** JSON: the primitive's input as submitted. */
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reason_code', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addColumn('usage_seconds', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('cancel_requested', 'integer', (c) => c.notNull())
    /** JSON: the encoded result body (plain or Qiskit-typed, as the job asked). */
    .addColumn('result', 'text')
    .addColumn('logs', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_queue_idx').on('jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('jobs_instance_idx').on('jobs').columns(['instance_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
