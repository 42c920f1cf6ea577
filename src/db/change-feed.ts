/**
 * Tells every node sharing the store that something changed, so in-memory caches are never stale.
 *
 * @remarks A change is announced on the node that made it right after its transaction commits, and on
 * PostgreSQL through `NOTIFY` (delivered at commit, in commit order) to every other node's `LISTEN`.
 * While a node's listener is disconnected it cannot know what it missed, so {@link ChangeFeed.trusted}
 * turns false: caches then read through to the store until the listener is back, and every cache is
 * flushed when it reconnects (fail safe).
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { DB } from './schema.js';

export interface Change {
  readonly topic: string;
  readonly key: string;
}

export type ChangeListener = (change: Change | 'all') => void;

const CHANNEL = 'qgate_changes';

export interface ChangeFeed {
  /** Announces `changes` to other nodes as part of `trx` (they hear it only if it commits). */
  publish(trx: Transaction<DB>, changes: readonly Change[]): Promise<void>;
  /** Delivers `changes` to this node's listeners (called after commit). */
  emitLocal(changes: readonly Change[]): void;
  subscribe(listener: ChangeListener): () => void;
  /** False while changes made elsewhere may have been missed. */
  readonly trusted: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createChangeFeed(deps: { db: Kysely<DB>; pool: pg.Pool | undefined; log: Logger }): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  let client: pg.PoolClient | undefined;
  let trusted = deps.pool === undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const deliver = (change: Change | 'all') => {
    for (const listener of listeners) listener(change);
  };

  const connect = async (): Promise<void> => {
    if (!deps.pool || stopped) return;
    try {
      const c = await deps.pool.connect();
      c.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        try {
          for (const [topic, key] of JSON.parse(msg.payload) as [string, string][]) deliver({ topic, key });
        } catch {
          // Not ours, or damaged: the only safe reading is that anything may have changed.
          deliver('all');
        }
      });
      c.on('error', (err) => {
        if (client !== c) return;
        deps.log.warn({ err }, 'change feed listener lost; caches bypassed until it reconnects');
        trusted = false;
        client = undefined;
        c.release(err);
        schedule();
      });
      await c.query(`LISTEN ${CHANNEL}`);
      client = c;
      // Whatever happened while we were not listening is unknown: start from empty caches.
      deliver('all');
      trusted = true;
    } catch (err) {
      deps.log.warn({ err }, 'change feed cannot listen yet; retrying');
      trusted = false;
      schedule();
    }
  };

  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 500);
    retry.unref();
  };

  return {
    get trusted() {
      return trusted;
    },
    async publish(trx, changes) {
      if (!deps.pool) return;
      // NOTIFY payloads must stay under 8000 bytes: send the changes in batches.
      for (let i = 0; i < changes.length; i += 50) {
        const payload = JSON.stringify(changes.slice(i, i + 50).map((c) => [c.topic, c.key]));
        await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(trx);
      }
    },
    emitLocal(changes) {
      for (const change of changes) deliver(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: connect,
    async stop() {
      stopped = true;
      trusted = deps.pool === undefined;
      if (retry) clearTimeout(retry);
      if (client) {
        const c = client;
        client = undefined;
        // The listening connection is closed, not returned to the pool: it carries our handlers.
        c.release(true);
      }
    },
  };
}
