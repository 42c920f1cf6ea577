/**
 * Runs a unit of work in one transaction and announces what it changed once it has committed.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { dialectOf } from './dialect.js';
import type { Change, ChangeFeed } from './change-feed.js';
import type { DB } from './schema.js';

export interface UnitOfWork {
  readonly trx: Transaction<DB>;
  /** Marks `topic:key` as changed; caches on every node drop it after commit. */
  changed(topic: string, key: string): void;
  /**
   * Holds `key` until commit: units of work that serialize on the same key run this part one after
   * another, on every node, so a count-then-insert (a limit) cannot be passed by requests sent at
   * once. PostgreSQL: a transaction-scoped advisory lock; SQLite runs one transaction at a time.
   */
  serialize(key: string): Promise<void>;
}

export type Transactor = <T>(work: (uow: UnitOfWork) => Promise<T>) => Promise<T>;

export function createTransactor(db: Kysely<DB>, feed: ChangeFeed): Transactor {
  const postgres = dialectOf(db) === 'postgres';
  return async (work) => {
    const changes: Change[] = [];
    const result = await db.transaction().execute(async (trx) => {
      const serialize = async (key: string) => {
        if (postgres) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      };
      const value = await work({ trx, changed: (topic, key) => void changes.push({ topic, key }), serialize });
      if (changes.length > 0) await feed.publish(trx, changes);
      return value;
    });
    feed.emitLocal(changes);
    return result;
  };
}
