/**
 * Slows password guessing without letting an attacker lock the real person out.
 *
 * @remarks Three counters, kept in the store so that every node sees them:
 * - per sign-in name and address: after 5 failures, exponential back-off (1 s, 2 s, … 15 min);
 * - per address: 50 failures in 15 minutes block that address (credential stuffing);
 * - per sign-in name: 20 failures in 15 minutes slow that name down, but only for addresses that
 *   never signed in as it successfully; a person's usual address is exempt, so an attacker
 *   elsewhere cannot turn the back-off into a lock-out of the victim.
 * Counters are kept by the name as typed, whether or not such an account exists, so the answers
 * reveal nothing about which accounts exist. Failed API keys and invitation links count against
 * the address too.
 */
import type { Kysely } from 'kysely';
import type { DB } from '#src/db/schema.js';
import { appError } from '#src/errors/registry.js';
import type { Clock } from '#src/platform/clock.js';

const WINDOW_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;
const PAIR_FREE_FAILURES = 5;
const ADDRESS_LIMIT = 50;
const NAME_FREE_FAILURES = 20;
const KNOWN_ADDRESS_DAYS = 90;

export interface LoginThrottle {
  /** Throws 429 with `Retry-After` when this attempt must wait. */
  check(name: string, address: string): Promise<void>;
  recordFailure(name: string, address: string): Promise<void>;
  recordSuccess(name: string, address: string): Promise<void>;
  /** For secrets that name no account (API keys, invitation links): throws 429 for an address that guessed too often. */
  checkAddress(address: string): Promise<void>;
  recordAddressFailure(address: string): Promise<void>;
}

export function createLoginThrottle(deps: { db: Kysely<DB>; clock: Clock }): LoginThrottle {
  /**
   * Addresses this node saw fail within the window. Only they are looked up in the store before an
   * API key exchange, so a well-behaved client costs no store read; an attacker fails somewhere first,
   * and every node it tries counts its failures into the shared counter.
   */
  const suspects = new Map<string, number>();
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

  /** Counts a failure within the window and returns the new count. */
  const bump = async (key: string, now: number, block: (failures: number) => number): Promise<void> => {
    await deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const fresh = !row || now - Date.parse(row.window_start) > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const blockMs = block(failures);
      const values = {
        failures,
        window_start: fresh ? new Date(now).toISOString() : row.window_start,
        blocked_until: blockMs > 0 ? new Date(now + blockMs).toISOString() : null,
      };
      if (row) await trx.updateTable('throttle').set(values).where('key', '=', key).execute();
      else await trx.insertInto('throttle').values({ key, ...values }).execute();
    });
  };

  const backoff = (free: number) => (failures: number) => (failures <= free ? 0 : Math.min(1000 * 2 ** (failures - free - 1), MAX_BACKOFF_MS));

  return {
    async check(name, address) {
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
    async recordFailure(name, address) {
      const now = deps.clock.now().getTime();
      const k = keys(name, address);
      await bump(k.pair, now, backoff(PAIR_FREE_FAILURES));
      await bump(k.address, now, (f) => (f >= ADDRESS_LIMIT ? WINDOW_MS : 0));
      await bump(k.name, now, backoff(NAME_FREE_FAILURES));
    },
    async checkAddress(address) {
      const now = deps.clock.now().getTime();
      const seen = suspects.get(address);
      if (seen === undefined) return;
      if (now - seen > WINDOW_MS * 2) {
        suspects.delete(address);
        return;
      }
      const wait = await blockedFor(keys('', address).address, now);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw appError('too_many_requests', `too many failed attempts from your address; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
      }
    },
    async recordAddressFailure(address) {
      if (suspects.size >= 100_000) suspects.delete(suspects.keys().next().value as string);
      suspects.set(address, deps.clock.now().getTime());
      await bump(keys('', address).address, deps.clock.now().getTime(), (f) => (f >= ADDRESS_LIMIT ? WINDOW_MS : 0));
    },
    async recordSuccess(name, address) {
      const now = deps.clock.now();
      const k = keys(name, address);
      await deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('throttle').where('key', '=', k.pair).execute();
        const updated = await trx.updateTable('known_addresses').set({ last_at: now.toISOString() }).where('subject', '=', name).where('address', '=', address).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('known_addresses').values({ subject: name, address, last_at: now.toISOString() }).execute();
      });
    },
  };
}
