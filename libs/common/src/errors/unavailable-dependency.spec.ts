import { createServer } from 'node:net';
import { Client } from 'pg';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';
import { isUnavailableDependency } from './unavailable-dependency';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function queryFailed(driverError: Error & { code?: string }): QueryFailedError {
  return new QueryFailedError('INSERT INTO x VALUES ($1)', [1], driverError);
}

describe('a database out of reach is a 503, not a 500', () => {
  const filter = new ProblemDetailsFilter();

  it('recognises a refused connection as node-postgres reports it', async () => {
    const client = new Client({ host: '127.0.0.1', port: await closedPort() });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUnavailableDependency(error)).toBe(true);
    expect(filter.toProblem(error)).toMatchObject({ status: 503, code: 'server.unavailable' });
  });

  it('recognises a session ended by a shutdown or a terminated backend', () => {
    const terminated = Object.assign(
      new Error('terminating connection due to administrator command'),
      { code: '57P01' },
    );
    expect(filter.toProblem(queryFailed(terminated))).toMatchObject({
      status: 503,
      code: 'server.unavailable',
    });
    expect(filter.toProblem(new Error('Connection terminated unexpectedly'))).toMatchObject({
      status: 503,
    });
    const starting = Object.assign(new Error('the database system is starting up'), {
      code: '57P03',
    });
    expect(isUnavailableDependency(starting)).toBe(true);
    expect(isUnavailableDependency(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isUnavailableDependency(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    const closed = Object.assign(
      new Error('database "catalyst" is not currently accepting connections'),
      { code: '55000' },
    );
    expect(isUnavailableDependency(closed)).toBe(true);
  });

  it('leaves the database refusing the data, and our own defects, as they were', () => {
    const duplicate = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(filter.toProblem(queryFailed(duplicate))).toMatchObject({
      status: 409,
      code: 'database.duplicate',
    });
    const syntax = Object.assign(new Error('syntax error at or near "x"'), { code: '42601' });
    expect(filter.toProblem(queryFailed(syntax))).toMatchObject({
      status: 500,
      code: 'server.internal',
    });
    expect(filter.toProblem(new TypeError('x is undefined'))).toMatchObject({ status: 500 });
  });
});
