import type { Kysely } from 'kysely';

/** Counting a person's recent submissions (the per-user rate limit) reads this index. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('jobs_submitter_idx').on('jobs').columns(['created_by', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_submitter_idx').execute();
}
