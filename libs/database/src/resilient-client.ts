import { Client, ClientConfig } from 'pg';

/**
 * The pool's connection class. node-postgres emits `error` on a connection when the server
 * ends the session while no query is running on it (a restart's fast shutdown sends every
 * backend FATAL 57P01, `pg_terminate_backend` the same). The pool and TypeORM listen only
 * while they hold the connection; a message that lands in between found no listener and
 * Node ended the whole process ("Unhandled 'error' event"): one PostgreSQL restart killed the
 * API. With a listener of its own for the connection's whole life the error stays what it
 * is: the connection is no longer queryable, the pool drops it on release and opens a new one.
 */
export class ResilientClient extends Client {
  /** Why the last connection was lost (for the logs of whoever looks). */
  lostWith?: Error;

  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error: Error) => {
      this.lostWith = error;
    });
  }
}

/** Pool options (TypeORM's `extra`) for every data source of the apps. */
export const POOL_EXTRA = {
  Client: ResilientClient,
  // A database that does not answer fails the request (503) instead of holding it forever.
  connectionTimeoutMillis: 5_000,
} as const;
