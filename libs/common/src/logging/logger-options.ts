import type { Params } from 'nestjs-pino';
import { stdSerializers, type DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { correlationMixin } from './request-log';

/**
 * Errors are logged with their cause but never with a failed query's parameters: those are
 * the row being written (a password hash, a token hash, personal data).
 */
export function serializeError(error: unknown): unknown {
  const serialized: unknown = stdSerializers.err(error as Error);
  if (serialized && typeof serialized === 'object' && 'parameters' in serialized) {
    const { parameters: _omitted, ...rest } = serialized as Record<string, unknown>;
    return rest;
  }
  return serialized;
}

/**
 * pino JSON logs. Request lines are written by the HTTP apps' own hooks (`installRequestLog`),
 * not by nestjs-pino's middleware (none is mounted); every line logged while a request is
 * served carries its correlation id (`correlationMixin`). `destination` is for tests (default:
 * stdout).
 */
export function loggerOptions(
  config: AppConfig,
  service: string,
  destination?: DestinationStream,
): Params {
  const options: NonNullable<Params['pinoHttp']> = {
    level: config.logLevel,
    base: { service },
    mixin: correlationMixin,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
    serializers: { err: serializeError },
    // Request lines carry plain `req`/`res` summaries, not Node's objects for pino-http to read.
    wrapSerializers: false,
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    forRoutes: [],
  };
}
