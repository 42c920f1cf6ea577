import type { Kysely } from 'kysely';

/** Per-instance Runtime configuration: the cost (usage) limit an administrator sets. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instance_configurations')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('instance_limit', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_usage_idx').on('jobs').columns(['instance_id', 'finished_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_usage_idx').execute();
  await db.schema.dropTable('instance_configurations').execute();
}
