import { DataSource, QueryRunner } from 'typeorm';

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

/**
 * Counts the SQL statements a piece of work sends through TypeORM's query runners (the real
 * queries against the real database; nothing is stubbed, the original method still runs).
 * Used to prove list and report endpoints issue a fixed number of queries whatever the rows.
 * Transaction control statements are not counted.
 */
export async function countQueries<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; count: number; queries: string[] }> {
  const probe = dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(probe) as QueryRunner;
  await probe.release();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with apply below
  const original = prototype.query;
  const queries: string[] = [];
  prototype.query = function (this: QueryRunner, ...args: Parameters<QueryRunner['query']>) {
    if (!TRANSACTION_CONTROL.test(args[0])) queries.push(args[0]);
    return original.apply(this, args);
  } as QueryRunner['query'];
  try {
    const result = await work();
    return { result, count: queries.length, queries };
  } finally {
    prototype.query = original;
  }
}
