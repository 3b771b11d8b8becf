import { Pool } from 'pg';
import { POOL_EXTRA, ResilientClient } from '@catalyst/database';
import { TEST_ADMIN_URL } from '../support/services';

/**
 * A connection the server ends while it is checked out and idle (a restart, a failover,
 * pg_terminate_backend) must not take the process down: with node-postgres' plain Client the
 * `error` it emits had no listener and ended the API on the first PostgreSQL restart.
 */
describe('losing a database connection', () => {
  const pool = new Pool({ connectionString: TEST_ADMIN_URL, max: 2, ...POOL_EXTRA });
  afterAll(() => pool.end());

  it('survives the server ending a checked-out connection, and the pool opens a new one', async () => {
    const client = (await pool.connect()) as unknown as ResilientClient & {
      release(error?: Error): void;
      query: Pool['query'];
    };
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const killer = await pool.connect();
    try {
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    } finally {
      killer.release();
    }
    const deadline = Date.now() + 30_000;
    while (!client.lostWith && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Released whatever the assertions say: a connection still checked out holds pool.end().
    client.release(client.lostWith ?? new Error('not lost'));
    // The server's FATAL 57P01 when its message arrives first, else the socket's end.
    expect(client.lostWith).toBeInstanceOf(Error);
    expect(
      (client.lostWith as Error & { code?: string }).code === '57P01' ||
        /terminated/i.test(client.lostWith!.message),
    ).toBe(true);
    const again = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(again.rows).toEqual([{ one: 1 }]);
  });
});
