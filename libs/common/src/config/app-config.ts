import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';
import { availableParallelism } from 'node:os';
import { isValidTimeZone } from '../clock/time-zone';

export type QueueBackend = 'redis' | 'postgres';
export type NodeEnv = 'development' | 'production' | 'test';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The environment as operators write it (API.md, "Configuration"). */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: NodeEnv;

  @Transform(trim)
  @IsString({ message: 'DATABASE_URL is required (a postgres:// connection string)' })
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Transform(trim)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Redis through Sentinel: `host:port` of each Sentinel, comma-separated. */
  @Transform(trim)
  @IsOptional()
  @Matches(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, {
    message: 'REDIS_SENTINELS must be a comma-separated list of host:port (e.g. s1:26379,s2:26379)',
  })
  REDIS_SENTINELS?: string;

  /** The master name the Sentinels monitor (`sentinel monitor <name> …`). */
  @Transform(trim)
  @ValidateIf((env: EnvironmentVariables) => !!env.REDIS_SENTINELS || !!env.REDIS_SENTINEL_NAME)
  @IsString({ message: 'REDIS_SENTINEL_NAME is required with REDIS_SENTINELS (the master name)' })
  @Matches(/^[A-Za-z0-9._-]+$/, {
    message: 'REDIS_SENTINEL_NAME must be a Sentinel master name (letters, digits, . _ -)',
  })
  REDIS_SENTINEL_NAME?: string;

  /**
   * How long a worker's job lock lasts and how often workers look for stalled jobs (ms): a
   * worker that dies mid-job has its job taken up again by another within about twice this.
   */
  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'QUEUE_STALLED_INTERVAL_MS must be an integer (milliseconds)' })
  @Min(1000, { message: 'QUEUE_STALLED_INTERVAL_MS must be at least 1000' })
  @Max(600_000, { message: 'QUEUE_STALLED_INTERVAL_MS must be at most 600000' })
  QUEUE_STALLED_INTERVAL_MS?: number;

  /**
   * How long a process may take to finish what it is doing after SIGTERM (ms): the API its
   * requests in flight, the worker its active jobs (those still running then go back to the
   * queue). Keep it below the platform's own grace (Kubernetes 30 s, `docker stop` 10 s).
   */
  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be an integer (milliseconds)' })
  @Min(1000, { message: 'SHUTDOWN_GRACE_MS must be at least 1000' })
  @Max(600_000, { message: 'SHUTDOWN_GRACE_MS must be at most 600000' })
  SHUTDOWN_GRACE_MS?: number;

  @Transform(trim)
  @IsOptional()
  @IsIn(['redis', 'postgres'], { message: 'QUEUE_BACKEND must be redis or postgres' })
  QUEUE_BACKEND?: QueueBackend;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @Transform(trim)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || !!env.JWT_SECRET)
  @IsString({ message: 'JWT_SECRET is required outside development' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(trim)
  @ValidateIf(
    (env: EnvironmentVariables) => !!env.BOOTSTRAP_ADMIN_PASSWORD || !!env.BOOTSTRAP_ADMIN_EMAIL,
  )
  @IsEmail(
    {},
    {
      message:
        'BOOTSTRAP_ADMIN_EMAIL must be an e-mail address (set it with BOOTSTRAP_ADMIN_PASSWORD)',
    },
  )
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @Transform(trim)
  @ValidateIf(
    (env: EnvironmentVariables) => !!env.BOOTSTRAP_ADMIN_EMAIL || !!env.BOOTSTRAP_ADMIN_PASSWORD,
  )
  @IsString({ message: 'BOOTSTRAP_ADMIN_PASSWORD is required with BOOTSTRAP_ADMIN_EMAIL' })
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Users (by e-mail) who administer the instance: create operators and programmes. */
  @Transform(trim)
  @IsOptional()
  @Matches(/^[^\s,@]+@[^\s,@]+(\s*,\s*[^\s,@]+@[^\s,@]+)*$/, {
    message: 'INSTANCE_ADMIN_EMAILS must be comma-separated e-mail addresses',
  })
  INSTANCE_ADMIN_EMAILS?: string;

  @Transform(trim)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Transform(trim)
  @IsOptional()
  @IsString()
  APP_TIMEZONE?: string;

  @Transform(trim)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer' })
  @Min(1024)
  BODY_LIMIT_BYTES?: number;

  @Transform(trim)
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /** Which proxies may set X-Forwarded-For: "loopback", or addresses/CIDRs, comma-separated. */
  @Transform(trim)
  @IsOptional()
  @Matches(/^(loopback|[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*)$/, {
    message: 'TRUST_PROXY must be "loopback" or comma-separated proxy addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'AUTH_RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1, { message: 'AUTH_RATE_LIMIT_PER_MINUTE must be at least 1' })
  @Max(100000, { message: 'AUTH_RATE_LIMIT_PER_MINUTE must be at most 100000' })
  AUTH_RATE_LIMIT_PER_MINUTE?: number;

  /** The address people reach Catalyst at: public links (feeds, e-mails) are built from it. */
  @Transform(trim)
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PASSWORD_HASH_CONCURRENCY must be an integer' })
  @Min(1, { message: 'PASSWORD_HASH_CONCURRENCY must be at least 1' })
  @Max(64, { message: 'PASSWORD_HASH_CONCURRENCY must be at most 64' })
  PASSWORD_HASH_CONCURRENCY?: number;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'RANKING_SPREAD_THRESHOLD must be a number of points' },
  )
  @Min(0, { message: 'RANKING_SPREAD_THRESHOLD must be between 0 and 100' })
  @Max(100, { message: 'RANKING_SPREAD_THRESHOLD must be between 0 and 100' })
  RANKING_SPREAD_THRESHOLD?: number;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DOCUMENT_MAX_BYTES must be an integer number of bytes' })
  @Min(1024, { message: 'DOCUMENT_MAX_BYTES must be at least 1024' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'DOCUMENT_MAX_BYTES is too large' })
  DOCUMENT_MAX_BYTES?: number;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'REMINDER_SCAN_EVERY must be an integer number of milliseconds' })
  @Min(1000, { message: 'REMINDER_SCAN_EVERY must be at least 1000 (ms)' })
  REMINDER_SCAN_EVERY?: number;

  /** Webhook endpoints on loopback and private addresses (tests, an internal integration). */
  @Transform(trim)
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES?: string;

  @Transform(trim)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'REPORT_TTL_HOURS must be an integer number of hours' })
  @Min(1, { message: 'REPORT_TTL_HOURS must be at least 1' })
  @Max(24 * 366, { message: 'REPORT_TTL_HOURS must be at most a year (8784)' })
  REPORT_TTL_HOURS?: number;

  /** 32 bytes, base64 (or 64 hex digits): seals identity providers' client secrets at rest. */
  @Transform(trim)
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, {
    message:
      'SSO_ENCRYPTION_KEY must be 32 bytes as base64 (44 characters) or hex (64 digits), e.g. `openssl rand -base64 32`',
  })
  SSO_ENCRYPTION_KEY?: string;

  /** Lets identity providers use http:// issuers: tests and local development only. */
  @Transform(trim)
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'SSO_ALLOW_INSECURE_ISSUERS must be true or false' })
  SSO_ALLOW_INSECURE_ISSUERS?: string;
}

/** Validated, typed configuration shared by every process. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  databaseUrl: string;
  redisUrl: string;
  /** Sentinels to ask for the Redis primary; when set, REDIS_URL gives only credentials and db. */
  redisSentinels?: { host: string; port: number }[];
  /** The master name the Sentinels monitor (set exactly when `redisSentinels` is). */
  redisSentinelName?: string;
  /** A worker's job lock duration and stalled-job check interval (ms). */
  queueStalledIntervalMs: number;
  /** How long in-flight requests and jobs may take to finish after SIGTERM (ms). */
  shutdownGraceMs: number;
  queueBackend: QueueBackend;
  port: number;
  jwtSecret: string;
  bootstrapAdmin?: { email: string; password: string };
  /** Lower-cased e-mail addresses of the instance administrators besides the bootstrap one. */
  instanceAdminEmails: string[];
  smtpUrl?: string;
  appTimezone: string;
  corsOrigins: string[] | true | false;
  bodyLimitBytes: number;
  logLevel: string;
  /** Fastify trustProxy: false (use the socket address) or the trusted proxy addresses. */
  trustProxy: false | string[];
  /** Requests per minute per client IP to each sign-in route (login, register, refresh, accept). */
  authRateLimitPerMinute: number;
  /** How many password hashes (argon2id, ~19 MiB each) one process computes at once; more wait. */
  passwordHashConcurrency: number;
  /** Ranking: flag an application when its assessors' weighted scores differ by more (points). */
  rankingSpreadThreshold: number;
  /** Origin (and optional path prefix) of public links, without a trailing slash. */
  publicUrl: string;
  /** The largest document upload accepted, in bytes (413 beyond). */
  documentMaxBytes: number;
  /** How often the worker looks for due reminders (ms). */
  reminderScanEveryMs: number;
  /** Whether webhook endpoints may resolve to loopback/private addresses (never by default in production). */
  webhookAllowPrivateAddresses: boolean;
  /** How long a built report stays downloadable before the purge deletes it, in hours. */
  reportTtlHours: number;
  /** The key sealing identity providers' client secrets; without it no secret is stored. */
  ssoEncryptionKey?: Buffer;
  /** Whether an identity provider may have an http:// issuer (never in production). */
  ssoAllowInsecureIssuers: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** A fixed secret for development and tests only; production must set JWT_SECRET. */
const DEVELOPMENT_JWT_SECRET = 'catalyst-development-secret-not-for-production-use';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (parsed.APP_TIMEZONE && !isValidTimeZone(parsed.APP_TIMEZONE)) {
    problems.push(
      `APP_TIMEZONE '${parsed.APP_TIMEZONE}' is not an IANA time zone (e.g. Europe/London)`,
    );
  }
  const publicUrl = parsePublicUrl(parsed.PUBLIC_URL, parsed.PORT ?? 3000);
  if (publicUrl === undefined) {
    problems.push(
      `PUBLIC_URL '${parsed.PUBLIC_URL}' must be an http:// or https:// address without a query or fragment (e.g. https://catalyst.example.org)`,
    );
  }
  if (parsed.REDIS_SENTINEL_NAME && !parsed.REDIS_SENTINELS) {
    problems.push('REDIS_SENTINEL_NAME needs REDIS_SENTINELS (the Sentinels to ask)');
  }
  const sentinelPorts = (parsed.REDIS_SENTINELS ?? '').match(/:\d+/g) ?? [];
  if (sentinelPorts.some((p) => Number(p.slice(1)) < 1 || Number(p.slice(1)) > 65535)) {
    problems.push('REDIS_SENTINELS ports must be between 1 and 65535');
  }
  if (parsed.SSO_ALLOW_INSECURE_ISSUERS === 'true' && parsed.NODE_ENV === 'production') {
    problems.push('SSO_ALLOW_INSECURE_ISSUERS=true is refused in production (http issuers)');
  }
  if (problems.length) throw new ConfigError(problems);

  const nodeEnv = parsed.NODE_ENV ?? 'development';
  const cors = parsed.CORS_ORIGINS;
  return {
    nodeEnv,
    databaseUrl: parsed.DATABASE_URL,
    redisUrl: parsed.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisSentinels: parsed.REDIS_SENTINELS?.split(',').map((entry) => {
      const [host, port] = entry.trim().split(':');
      return { host, port: Number(port) };
    }),
    redisSentinelName: parsed.REDIS_SENTINELS ? parsed.REDIS_SENTINEL_NAME : undefined,
    queueStalledIntervalMs: parsed.QUEUE_STALLED_INTERVAL_MS ?? 30_000,
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS ?? 20_000,
    queueBackend: parsed.QUEUE_BACKEND ?? 'redis',
    port: parsed.PORT ?? 3000,
    jwtSecret: parsed.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    bootstrapAdmin:
      parsed.BOOTSTRAP_ADMIN_EMAIL && parsed.BOOTSTRAP_ADMIN_PASSWORD
        ? {
            email: parsed.BOOTSTRAP_ADMIN_EMAIL.toLowerCase(),
            password: parsed.BOOTSTRAP_ADMIN_PASSWORD,
          }
        : undefined,
    instanceAdminEmails: (parsed.INSTANCE_ADMIN_EMAILS ?? '')
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
    smtpUrl: parsed.SMTP_URL,
    appTimezone: parsed.APP_TIMEZONE ?? 'Europe/London',
    corsOrigins:
      cors === undefined ? false : cors === '*' ? true : cors.split(',').map((o) => o.trim()),
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES ?? 1_048_576,
    logLevel: parsed.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    authRateLimitPerMinute: parsed.AUTH_RATE_LIMIT_PER_MINUTE ?? 10,
    passwordHashConcurrency:
      parsed.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, availableParallelism()),
    rankingSpreadThreshold: parsed.RANKING_SPREAD_THRESHOLD ?? 20,
    publicUrl: publicUrl!,
    documentMaxBytes: parsed.DOCUMENT_MAX_BYTES ?? 20_971_520,
    reminderScanEveryMs: parsed.REMINDER_SCAN_EVERY ?? 3_600_000,
    webhookAllowPrivateAddresses: parsed.WEBHOOK_ALLOW_PRIVATE_ADDRESSES
      ? parsed.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === 'true'
      : nodeEnv !== 'production',
    reportTtlHours: parsed.REPORT_TTL_HOURS ?? 168,
    ssoEncryptionKey: parseKey(parsed.SSO_ENCRYPTION_KEY),
    ssoAllowInsecureIssuers: parsed.SSO_ALLOW_INSECURE_ISSUERS === 'true',
  };
}

/** For process entry points: load the configuration or exit naming the bad variables. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

function parseKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  return /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function parseTrustProxy(value: string | undefined): false | string[] {
  if (!value) return false;
  if (value === 'loopback') return ['127.0.0.1', '::1'];
  return value.split(',').map((v) => v.trim());
}

/** `https://host[:port][/prefix]` without a trailing slash; undefined when it is not one. */
function parsePublicUrl(value: string | undefined, port: number): string | undefined {
  if (!value) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash) return undefined;
  if (url.username || url.password) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
