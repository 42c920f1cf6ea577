/**
 * Which stores the integration suites run on: SQLite always; PostgreSQL when it answers at
 * QGATE_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). Each run gets a fresh
 * database. With QGATE_TEST_REQUIRE=postgres a missing server fails the run instead of skipping.
 */
import crypto from 'node:crypto';
import pg from 'pg';

export type StoreName = 'sqlite' | 'postgres';

export const ADMIN_DATABASE_URL = process.env.QGATE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const required = new Set((process.env.QGATE_TEST_REQUIRE ?? '').split(',').map((s) => s.trim()).filter(Boolean));

let postgresAvailable: Promise<boolean> | undefined;

export function isRequired(what: string): boolean {
  return required.has(what);
}

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    if (isRequired('postgres')) throw new Error(`PostgreSQL is required (QGATE_TEST_REQUIRE) but does not answer at ${ADMIN_DATABASE_URL}: ${String(err)}`);
    process.stderr.write(`\n[qgate tests] PostgreSQL does not answer at ${ADMIN_DATABASE_URL}: the PostgreSQL suites are SKIPPED\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The stores to run on, decided once per test file. */
export async function availableStores(): Promise<StoreName[]> {
  const wanted = (process.env.QGATE_TEST_STORES ?? 'sqlite,postgres').split(',') as StoreName[];
  const out: StoreName[] = [];
  for (const store of wanted) {
    if (store === 'sqlite') out.push('sqlite');
    if (store === 'postgres' && (await (postgresAvailable ??= probePostgres()))) out.push('postgres');
  }
  return out;
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qgate_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
