import type { CreateTableBuilder, Kysely } from 'kysely';

/** Access groups with members and rules, custom roles and policies. */
export async function up(db: Kysely<any>): Promise<void> {
  const audit = (t: CreateTableBuilder<string, string>) =>
    t
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by_id', 'text', (c) => c.notNull())
      .addColumn('last_modified_at', 'text', (c) => c.notNull())
      .addColumn('last_modified_by_id', 'text', (c) => c.notNull());

  await audit(
    db.schema
      .createTable('access_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull()),
  )
    .addUniqueConstraint('access_groups_account_name_unique', ['account_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('access_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('access_groups.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('iam_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('membership_type', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_group_members_pk', ['group_id', 'iam_id', 'membership_type'])
    .execute();
  await db.schema.createIndex('access_group_members_iam_idx').on('access_group_members').columns(['iam_id', 'account_id']).execute();

  await audit(
    db.schema
      .createTable('access_group_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('group_id', 'text', (c) => c.notNull().references('access_groups.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('expiration', 'integer', (c) => c.notNull())
      .addColumn('realm_name', 'text', (c) => c.notNull())
      .addColumn('conditions', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('access_group_rules_group_idx').on('access_group_rules').column('group_id').execute();

  await db.schema
    .createTable('access_group_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('public_access_enabled', 'integer', (c) => c.notNull())
    .addColumn('last_modified_at', 'text', (c) => c.notNull())
    .addColumn('last_modified_by_id', 'text', (c) => c.notNull())
    .execute();

  await audit(
    db.schema
      .createTable('custom_roles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('actions', 'text', (c) => c.notNull())
      .addColumn('crn', 'text', (c) => c.notNull().unique()),
  )
    .addUniqueConstraint('custom_roles_account_name_unique', ['account_id', 'name'])
    .execute();

  await audit(
    db.schema
      .createTable('policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('api_version', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('subject_key', 'text', (c) => c.notNull())
      .addColumn('subject_value', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('policies_account_idx').on('policies').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('policies_subject_idx').on('policies').columns(['subject_value']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['policies', 'custom_roles', 'access_group_settings', 'access_group_rules', 'access_group_members', 'access_groups']) {
    await db.schema.dropTable(table).execute();
  }
}
