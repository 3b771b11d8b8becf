import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail in write order, and the transactional outbox.
 *
 * audit_events.at now defaults to clock_timestamp() (the moment of the row's write, not the
 * transaction's start, which sorted batch rows before earlier events), and `seq` breaks ties:
 * the audit list orders by (at, seq). Adding a column with a sequence rewrites the table
 * without firing the append-only row triggers.
 *
 * outbox_events holds the published domain events until the worker relays them to the queue;
 * the partial index keeps the relay's "oldest unrelayed rows" query cheap however many rows
 * have been relayed.
 */
export class AuditOrderAndOutbox1796100000000 implements MigrationInterface {
  name = 'AuditOrderAndOutbox1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_events_at_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "seq" BIGSERIAL NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "audit_events" ALTER COLUMN "at" SET DEFAULT clock_timestamp()`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_order_idx" ON "audit_events" ("at", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "event" text NOT NULL, "payload" jsonb NOT NULL, "queue" text NOT NULL, "job_name" text NOT NULL, "job_id" text NOT NULL, "job_data" jsonb NOT NULL, "job_options" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "relayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_outbox_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("id") WHERE "relayed_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_order_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "at" SET DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "seq"`);
    await queryRunner.query(`CREATE INDEX "audit_events_at_idx" ON "audit_events" ("at") `);
  }
}
