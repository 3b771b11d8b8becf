import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in rate-limit counters shared by every API process (used when the queues run on
 * PostgreSQL; with Redis they live in Redis). UNLOGGED: not WAL-logged nor replicated, emptied
 * after a crash, which is fine for counters that last a minute.
 */
export class ThrottleCounters1795395079761 implements MigrationInterface {
  name = 'ThrottleCounters1795395079761';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "throttle_counters" ("key" text NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0d6e00f6811746d8c018db8d58d" PRIMARY KEY ("key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "throttle_counters"`);
  }
}
