/**
 * Slows password guessing without letting an attacker lock the real person out.
 *
 * @remarks Three counters, kept in the store so that every node sees them:
 * - per sign-in name and address: after 5 failures, exponential back-off (1 s, 2 s, … 15 min);
 * - per address: 50 failures in 15 minutes block that address (credential stuffing);
 * - per sign-in name: 20 failures in 15 minutes slow that name down, but only for addresses that
 *   never signed in as it successfully; a person's usual address is exempt, so an attacker
 *   elsewhere cannot turn the back-off into a lock-out of the victim.
 * An address is counted as {@link rateLimitKey} says: IPv6 by its /64, which one customer usually
 * holds whole. Federated sign-ins started per address are counted the same way (each start makes qgate call the
 * identity provider). Counters are kept by the name as typed, whether or not such an account exists, so the answers
 * reveal nothing about which accounts exist. Failed API keys and invitation links count against
 * the address too.
 */
import { sql, type Kysely } from 'kysely';
import type { ChangeFeed } from '#src/db/change-feed.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { DB } from '#src/db/schema.js';
import type { Transactor } from '#src/db/transactor.js';
import { appError } from '#src/errors/registry.js';
import { rateLimitKey } from '#src/platform/ip.js';
import type { Clock } from '#src/platform/clock.js';

const WINDOW_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;
const PAIR_FREE_FAILURES = 5;
const ADDRESS_LIMIT = 50;
const NAME_FREE_FAILURES = 20;
const KNOWN_ADDRESS_DAYS = 90;
const SWEEP_EVERY_MS = 5 * 60_000;
/** Federated sign-ins one address may start per minute (each one makes qgate call the identity provider). */
export const SIGN_IN_STARTS_PER_MINUTE = 120;

export interface LoginThrottle {
  /**
   * Runs one password attempt (check, verification, record) after the attempts before it from the same
   * address and for the same name on this node: guesses sent at once are counted one by one, so none
   * is let through on a count that the others have not raised yet. Across nodes each node adds at most
   * one attempt in flight.
   */
  oneAtATime<T>(name: string, address: string, attempt: () => Promise<T>): Promise<T>;
  /** Throws 429 with `Retry-After` when this attempt must wait. */
  check(name: string, address: string): Promise<void>;
  recordFailure(name: string, address: string): Promise<void>;
  recordSuccess(name: string, address: string): Promise<void>;
  /** For secrets that name no account (API keys, invitation links): throws 429 for an address that guessed too often. */
  checkAddress(address: string): Promise<void>;
  recordAddressFailure(address: string): Promise<void>;
  /** Counts a federated sign-in started from the address; throws 429 beyond {@link SIGN_IN_STARTS_PER_MINUTE} a minute. */
  recordSignInStart(address: string): Promise<void>;
  /**
   * Once the read of blocked addresses after the feed's last missed-change signal is done: whether
   * this node knows every blocked address (false: it looks every address up, the read having failed
   * or the feed being down). For tests and diagnostics.
   */
  blockedAddressesKnown(): Promise<boolean>;
}

export function createLoginThrottle(deps: { db: Kysely<DB>; clock: Clock; feed: ChangeFeed; transact: Transactor }): LoginThrottle {
  /**
   * Addresses this node saw fail, or heard were blocked, within the window. Only they are looked up in
   * the store before an API key exchange, so a well-behaved client costs no store read; an attacker
   * fails somewhere first, every node it tries counts its failures into the shared counter, and the
   * block is announced on the change feed, so no node gives a blocked address another guess.
   */
  const suspects = new Map<string, number>();
  const suspect = (address: string, now: number) => {
    if (suspects.size >= 100_000 && !suspects.has(address)) suspects.delete(suspects.keys().next().value as string);
    suspects.set(address, now);
  };
  /**
   * After the feed may have missed changes ('all': its listener reconnected, or first connected), a block
   * announced meanwhile is unknown here. The addresses blocked now are read from the store (the listener
   * is up by then, so a later block is announced); until that read is done, and while the feed is not
   * trusted, every address is looked up. If the read fails, every address is looked up for a window,
   * as long as a block lasts.
   */
  let lookUpAllUntil = 0;
  let loads = 0;
  const loadBlocked = async (): Promise<void> => {
    const load = ++loads;
    const now = deps.clock.now().getTime();
    lookUpAllUntil = now + WINDOW_MS;
    try {
      const rows = await deps.db.selectFrom('throttle').select('key').where('key', 'like', 'addr:%').where('blocked_until', '>', new Date(now).toISOString()).execute();
      for (const row of rows) suspect(row.key.slice('addr:'.length), now);
      // A later 'all' started its own read: only the latest one may end the lookups.
      if (load === loads) lookUpAllUntil = 0;
    } catch {
      // Keep looking every address up until the window ends.
    }
  };
  let loading: Promise<void> = Promise.resolve();
  deps.feed.subscribe((change) => {
    if (change === 'all') loading = loadBlocked();
    else if (change.topic === TOPICS.throttledAddress) suspect(change.key, deps.clock.now().getTime());
  });
  const inTurn = createKeyedQueue();
  const keys = (name: string, address: string) => ({ pair: `pair:${name}|${address}`, address: `addr:${address}`, name: `name:${name}` });

  const blockedFor = async (key: string, now: number): Promise<number> => {
    const row = await deps.db.selectFrom('throttle').select('blocked_until').where('key', '=', key).executeTakeFirst();
    const until = row?.blocked_until ? Date.parse(row.blocked_until) : 0;
    return Math.max(0, until - now);
  };

  const isKnownAddress = async (name: string, address: string, now: number): Promise<boolean> => {
    const row = await deps.db.selectFrom('known_addresses').select('last_at').where('subject', '=', name).where('address', '=', address).executeTakeFirst();
    return !!row && now - Date.parse(row.last_at) < KNOWN_ADDRESS_DAYS * 86_400_000;
  };

  /**
   * Counts one event against a key in one statement (concurrent events on any node are all counted:
   * a read-then-write would lose some to a race), starting a new window when the last one has
   * passed, and returns the count with its window's start.
   */
  const count = async (key: string, now: number, windowMs: number): Promise<{ count: number; windowStart: number }> => {
    const stamp = new Date(now).toISOString();
    // ISO timestamps of one format compare as strings.
    const expired = sql<boolean>`throttle.window_start < ${new Date(now - windowMs).toISOString()}`;
    const row = await deps.db
      .insertInto('throttle')
      .values({ key, failures: 1, window_start: stamp, blocked_until: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN ${expired} THEN 1 ELSE throttle.failures + 1 END`,
          window_start: sql<string>`CASE WHEN ${expired} THEN ${stamp} ELSE throttle.window_start END`,
          blocked_until: sql<string | null>`CASE WHEN ${expired} THEN NULL ELSE throttle.blocked_until END`,
        }),
      )
      .returning(['failures', 'window_start'])
      .executeTakeFirstOrThrow();
    await sweep(now);
    return { count: Number(row.failures), windowStart: Date.parse(row.window_start) };
  };

  /** Blocks the key until `until`, or leaves a later block: a slower writer with a smaller count must not shorten another's back-off. */
  const blockUntil = async (db: Kysely<DB>, key: string, until: number): Promise<void> => {
    const iso = new Date(until).toISOString();
    await db
      .updateTable('throttle')
      .set({ blocked_until: sql<string>`CASE WHEN blocked_until IS NULL OR blocked_until < ${iso} THEN ${iso} ELSE blocked_until END` })
      .where('key', '=', key)
      .execute();
  };

  /** Counts a failure within the window and blocks the key for as long as `block` says. */
  const bump = async (key: string, now: number, block: (failures: number) => number): Promise<void> => {
    const { count: failures } = await count(key, now, WINDOW_MS);
    const blockMs = block(failures);
    if (blockMs > 0) await blockUntil(deps.db, key, now + blockMs);
  };

  /**
   * Counts a failure from the address; at the limit, blocks it for the window and announces the block
   * in the same transaction, so every node looks the address up before its next API key exchange there.
   * Each failure counted while blocked (on a node that had not heard yet) announces it again.
   */
  const bumpAddress = async (address: string, now: number): Promise<void> => {
    const key = keys('', address).address;
    const { count: failures } = await count(key, now, WINDOW_MS);
    if (failures < ADDRESS_LIMIT) return;
    await deps.transact(async (uow) => {
      await blockUntil(uow.trx, key, now + WINDOW_MS);
      uow.changed(TOPICS.throttledAddress, address);
    });
  };

  /** Counters whose window and block have both passed are deleted now and then, so guessing at many names cannot grow the table without end. */
  let lastSweep = 0;
  const sweep = async (now: number): Promise<void> => {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    const cutoff = new Date(now - WINDOW_MS).toISOString();
    const nowIso = new Date(now).toISOString();
    await deps.db
      .deleteFrom('throttle')
      .where('window_start', '<', cutoff)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', nowIso)]))
      .execute();
  };

  const backoff = (free: number) => (failures: number) => (failures <= free ? 0 : Math.min(1000 * 2 ** (failures - free - 1), MAX_BACKOFF_MS));

  return {
    // Address first, then name, always in that order: two attempts never wait on each other.
    oneAtATime: (name, address, attempt) => inTurn(`addr:${rateLimitKey(address)}`, () => inTurn(`name:${name}`, attempt)),
    async check(name, rawAddress) {
      const address = rateLimitKey(rawAddress);
      const now = deps.clock.now().getTime();
      const k = keys(name, address);
      let wait = Math.max(await blockedFor(k.pair, now), await blockedFor(k.address, now));
      if (wait === 0) {
        const nameWait = await blockedFor(k.name, now);
        if (nameWait > 0 && !(await isKnownAddress(name, address, now))) wait = nameWait;
      }
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw appError('login_throttled', `too many failed sign-in attempts; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
      }
    },
    async recordFailure(name, rawAddress) {
      const address = rateLimitKey(rawAddress);
      const now = deps.clock.now().getTime();
      const k = keys(name, address);
      await bump(k.pair, now, backoff(PAIR_FREE_FAILURES));
      await bumpAddress(address, now);
      await bump(k.name, now, backoff(NAME_FREE_FAILURES));
    },
    async checkAddress(rawAddress) {
      const address = rateLimitKey(rawAddress);
      const now = deps.clock.now().getTime();
      const seen = suspects.get(address);
      const suspected = seen !== undefined && now - seen <= WINDOW_MS * 2;
      if (seen !== undefined && !suspected) suspects.delete(address);
      if (!suspected && now >= lookUpAllUntil && deps.feed.trusted) return;
      const wait = await blockedFor(keys('', address).address, now);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw appError('too_many_requests', `too many failed attempts from your address; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
      }
    },
    async recordAddressFailure(rawAddress) {
      const address = rateLimitKey(rawAddress);
      const now = deps.clock.now().getTime();
      suspect(address, now);
      await bumpAddress(address, now);
    },
    async blockedAddressesKnown() {
      await loading;
      return deps.feed.trusted && deps.clock.now().getTime() >= lookUpAllUntil;
    },
    async recordSignInStart(rawAddress) {
      const address = rateLimitKey(rawAddress);
      const now = deps.clock.now().getTime();
      const started = await count(`start:${address}`, now, 60_000);
      if (started.count > SIGN_IN_STARTS_PER_MINUTE) {
        const seconds = Math.max(1, Math.ceil((started.windowStart + 60_000 - now) / 1000));
        throw appError('too_many_requests', 'too many sign-ins started from this address; wait a minute', undefined, { 'Retry-After': String(seconds) });
      }
    },
    async recordSuccess(name, rawAddress) {
      const address = rateLimitKey(rawAddress);
      const now = deps.clock.now();
      const k = keys(name, address);
      await deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('throttle').where('key', '=', k.pair).execute();
        // An upsert: two first sign-ins from one address at once must not collide on the key.
        await trx
          .insertInto('known_addresses')
          .values({ subject: name, address, last_at: now.toISOString() })
          .onConflict((oc) => oc.columns(['subject', 'address']).doUpdateSet({ last_at: now.toISOString() }))
          .execute();
      });
    },
  };
}

/** Runs work for one key after the work queued before it for that key; keys hold memory only while work waits. */
function createKeyedQueue() {
  const tails = new Map<string, Promise<void>>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
