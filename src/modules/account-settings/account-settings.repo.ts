import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AccountIdentitySettingsTable, DB } from '#src/db/schema.js';

export type AccountSettingsRow = Selectable<AccountIdentitySettingsTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export function createAccountSettingsRepo(db: Kysely<DB>) {
  return {
    find: (accountId: string, executor: Executor = db) =>
      executor.selectFrom('account_identity_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
    /** Writes version `row.version`; false when another writer got there first (the stored version is not `row.version - 1`). */
    async save(trx: Transaction<DB>, row: AccountSettingsRow): Promise<boolean> {
      if (row.version === 1) {
        const existing = await trx.selectFrom('account_identity_settings').select('version').where('account_id', '=', row.account_id).executeTakeFirst();
        if (existing) return false;
        await trx.insertInto('account_identity_settings').values(row).execute();
        return true;
      }
      const r = await trx.updateTable('account_identity_settings').set(row).where('account_id', '=', row.account_id).where('version', '=', row.version - 1).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type AccountSettingsRepo = ReturnType<typeof createAccountSettingsRepo>;
