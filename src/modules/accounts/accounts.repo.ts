import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AccountsTable, DB } from '#src/db/schema.js';

export type AccountRow = Selectable<AccountsTable>;

export function createAccountsRepo(db: Kysely<DB>) {
  return {
    findById: (id: string, executor: Kysely<DB> | Transaction<DB> = db) =>
      executor.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
    async count(): Promise<number> {
      const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    insert: (trx: Transaction<DB>, row: Insertable<AccountsTable>) => trx.insertInto('accounts').values(row).execute(),
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
