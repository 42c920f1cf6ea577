import type { Kysely } from 'kysely';

/**
 * Service instances (Resource Controller v2). A deleted instance keeps its row with state `removed`,
 * as IBM answers a deleted instance's GET with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_instances')
    .addColumn('guid', 'text', (c) => c.primaryKey())
    .addColumn('crn', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('resource_group_id', 'text', (c) => c.notNull())
    .addColumn('resource_plan_id', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('allow_cleanup', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('last_operation', 'text', (c) => c.notNull())
    .addColumn('plan_history', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .execute();
  await db.schema.createIndex('resource_instances_account_idx').on('resource_instances').columns(['account_id', 'created_at', 'guid']).execute();
  await db.schema.createIndex('resource_instances_group_idx').on('resource_instances').columns(['resource_group_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_instances').execute();
}
