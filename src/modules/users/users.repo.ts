import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, UsersTable } from '#src/db/schema.js';
import { contains } from '#src/db/dialect.js';

export type UserRow = Selectable<UsersTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export interface UserSearch {
  accountId: string;
  /** IBM's `search` terms: `field:value` pairs, any of which may match. */
  terms: { field: 'firstname' | 'lastname' | 'email' | 'state' | 'iam_id' | 'realm' | 'user_id'; value: string }[];
  afterIamId?: string;
  limit: number;
  onlyIamId?: string;
}

export function createUsersRepo(db: Kysely<DB>) {
  const filtered = (search: Omit<UserSearch, 'limit' | 'afterIamId'>) => {
    let q = db.selectFrom('users').where('account_id', '=', search.accountId);
    if (search.onlyIamId) q = q.where('iam_id', '=', search.onlyIamId);
    if (search.terms.length > 0) {
      q = q.where((eb) =>
        eb.or(
          search.terms.map((t) =>
            t.field === 'state' || t.field === 'iam_id' || t.field === 'realm'
              ? eb(t.field, '=', t.field === 'state' ? t.value.toUpperCase() : t.value)
              : contains(db, t.field, t.value, { ignoreCase: true }),
          ),
        ),
      );
    }
    return q;
  };
  return {
    findByIamId: (iamId: string, executor: Executor = db) =>
      executor.selectFrom('users').selectAll().where('iam_id', '=', iamId).executeTakeFirst(),
    findByEmail: (accountId: string, email: string, executor: Executor = db) =>
      executor.selectFrom('users').selectAll().where('account_id', '=', accountId).where('email', '=', email).executeTakeFirst(),
    /** Every user with this email in any account (sign-in by email). */
    findAllByEmail: (email: string) => db.selectFrom('users').selectAll().where('email', '=', email).execute(),
    list: (search: UserSearch) => {
      let q = filtered(search).selectAll();
      if (search.afterIamId) q = q.where('iam_id', '>', search.afterIamId);
      return q.orderBy('iam_id').limit(search.limit).execute();
    },
    async count(search: Omit<UserSearch, 'limit' | 'afterIamId'>): Promise<number> {
      const row = await filtered(search).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    insert: (trx: Transaction<DB>, row: Insertable<UsersTable>) => trx.insertInto('users').values(row).execute(),
    updateByIamId: (trx: Transaction<DB>, iamId: string, values: Updateable<UsersTable>) =>
      trx.updateTable('users').set(values).where('iam_id', '=', iamId).execute(),
    deleteByIamId: (trx: Transaction<DB>, iamId: string) => trx.deleteFrom('users').where('iam_id', '=', iamId).execute(),
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
