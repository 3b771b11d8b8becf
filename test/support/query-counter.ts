import { DataSource, QueryRunner } from 'typeorm';

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

/** One statement as sent, with its parameters (to EXPLAIN it as the database ran it). */
export interface QueryCall {
  sql: string;
  parameters: unknown[];
}

/**
 * Counts the SQL statements a piece of work sends through TypeORM's query runners (the real
 * queries against the real database; nothing is stubbed, the original method still runs).
 * Used to prove list and report endpoints issue a fixed number of queries whatever the rows.
 * Transaction control statements are not counted.
 */
export async function countQueries<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; count: number; queries: string[]; calls: QueryCall[] }> {
  const probe = dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(probe) as QueryRunner;
  await probe.release();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with apply below
  const original = prototype.query;
  const queries: string[] = [];
  const calls: QueryCall[] = [];
  prototype.query = function (this: QueryRunner, ...args: Parameters<QueryRunner['query']>) {
    if (!TRANSACTION_CONTROL.test(args[0])) {
      queries.push(args[0]);
      const parameters = args[1];
      calls.push({ sql: args[0], parameters: Array.isArray(parameters) ? parameters : [] });
    }
    return original.apply(this, args);
  } as QueryRunner['query'];
  try {
    const result = await work();
    return { result, count: queries.length, queries, calls };
  } finally {
    prototype.query = original;
  }
}
