import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One atomic step of the throttler as a single upsert ($1 key, $2 ttl ms, $3 limit, $4 block
 * ms): the row lock of INSERT … ON CONFLICT DO UPDATE serialises concurrent hits on one key,
 * whichever API process makes them, and times come from the database's clock. Same semantics
 * as the Redis storage: while blocked nothing is counted; the hit over the limit starts the
 * block; once the block or the window is over, counting starts afresh.
 */
const INCREMENT = `
INSERT INTO throttle_counters AS t (key, hits, window_ends_at, blocked_until)
VALUES ($1, 1, now() + $2::int * interval '1 millisecond',
        CASE WHEN 1 > $3::int THEN now() + GREATEST($4::int, $2::int) * interval '1 millisecond' END)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE
    WHEN t.blocked_until > now() THEN t.hits
    WHEN t.blocked_until IS NOT NULL OR t.window_ends_at <= now() THEN excluded.hits
    ELSE t.hits + 1 END,
  window_ends_at = CASE
    WHEN t.blocked_until > now() THEN t.window_ends_at
    WHEN t.blocked_until IS NOT NULL OR t.window_ends_at <= now() THEN excluded.window_ends_at
    ELSE t.window_ends_at END,
  blocked_until = CASE
    WHEN t.blocked_until > now() THEN t.blocked_until
    WHEN t.blocked_until IS NOT NULL OR t.window_ends_at <= now() THEN excluded.blocked_until
    WHEN t.hits + 1 > $3::int THEN
      CASE WHEN $4::int > 0 THEN now() + $4::int * interval '1 millisecond' ELSE t.window_ends_at END
    END
RETURNING hits,
  ceil(extract(epoch FROM window_ends_at - now()))::int AS "timeToExpire",
  COALESCE(blocked_until > now(), false) AS "isBlocked",
  COALESCE(ceil(extract(epoch FROM blocked_until - now())), 0)::int AS "timeToBlockExpire"
`;

const PURGE = `
DELETE FROM throttle_counters
WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())
`;

/** How often each API process deletes expired counters (on the next hit after that). */
const PURGE_EVERY_MS = 60_000;

interface IncrementRow {
  hits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Throttler counters in PostgreSQL (table throttle_counters), shared by every API process
 * (queue backend `postgres`, the quick start without Redis). Uses the app's TypeORM pool.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private nextPurgeAt = Date.now() + PURGE_EVERY_MS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyPrefix: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const rows: IncrementRow[] = await this.dataSource.query(INCREMENT, [
      `${this.keyPrefix}${key}`,
      Math.ceil(ttl),
      limit,
      Math.ceil(blockDuration),
    ]);
    const row = rows[0];
    if (Date.now() >= this.nextPurgeAt) await this.purgeExpired();
    return {
      totalHits: row.hits,
      timeToExpire: row.timeToExpire,
      isBlocked: row.isBlocked,
      timeToBlockExpire: row.isBlocked ? row.timeToBlockExpire : 0,
    };
  }

  /** Deletes counters whose window and block are both over; returns how many. */
  async purgeExpired(): Promise<number> {
    this.nextPurgeAt = Date.now() + PURGE_EVERY_MS;
    try {
      const [, deleted] = await this.dataSource.query<[unknown, number]>(PURGE);
      return deleted;
    } catch (error) {
      this.logger.warn(`Could not purge expired throttle counters: ${String(error)}`);
      return 0;
    }
  }
}
