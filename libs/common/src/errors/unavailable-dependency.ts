import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Whether an error means a dependency (PostgreSQL) is out of reach rather than that the request
 * or our code is wrong: the connection was refused, cut or timed out, or the server is shutting
 * down, starting up or full. Such a request may succeed when retried, so it is a 503, not a 500.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown,
 * cannot connect now), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** What node-postgres says when a connection dies or cannot be had (it sets no code). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|is not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

export function isUnavailableDependency(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  // TypeORM releases a query runner whose connection died (its error listener does) and
  // refuses the runner's next query: the request was cut off by the lost connection.
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) {
    return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  // TypeORM wraps the driver's error; Node's connect wraps one error per address tried.
  return [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])].some(
    (inner) => isUnavailableDependency(inner, depth + 1),
  );
}
