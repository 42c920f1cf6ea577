/**
 * A throw-away PostgreSQL database for one benchmark run, on a server at a loopback address.
 */
import crypto from 'node:crypto';
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
  /** Connection URL of the new, empty database. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database, or returns the reason it could not (no server answering, no rights).
 * `adminUrl` names any database of the server, with a role allowed to CREATE DATABASE.
 */
export async function createTempDatabase(adminUrl = DEFAULT_ADMIN_URL): Promise<TempDatabase | { unavailable: string }> {
  const admin = new URL(adminUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(admin.hostname)) return { unavailable: `${admin.hostname} is not a loopback address` };
  const name = `qgate_bench_${crypto.randomBytes(4).toString('hex')}`;
  const connect = async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    await client.connect();
    return client;
  };
  try {
    const client = await connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
  } catch (err) {
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = await connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
