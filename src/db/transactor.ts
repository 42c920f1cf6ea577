/**
 * Runs a unit of work in one transaction and announces what it changed once it has committed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Change, ChangeFeed } from './change-feed.js';
import type { DB } from './schema.js';

export interface UnitOfWork {
  readonly trx: Transaction<DB>;
  /** Marks `topic:key` as changed; caches on every node drop it after commit. */
  changed(topic: string, key: string): void;
}

export type Transactor = <T>(work: (uow: UnitOfWork) => Promise<T>) => Promise<T>;

export function createTransactor(db: Kysely<DB>, feed: ChangeFeed): Transactor {
  return async (work) => {
    const changes: Change[] = [];
    const result = await db.transaction().execute(async (trx) => {
      const value = await work({ trx, changed: (topic, key) => void changes.push({ topic, key }) });
      if (changes.length > 0) await feed.publish(trx, changes);
      return value;
    });
    feed.emitLocal(changes);
    return result;
  };
}
