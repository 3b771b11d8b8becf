import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports: the requests with their build state, and their files in chunks (deleted with the
 * report when it expires).
 */
export class Reports1797600000000 implements MigrationInterface {
  name = 'Reports1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "format" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress" integer NOT NULL DEFAULT '0', "error" text, "round_id" uuid, "sponsor_organisation_id" uuid, "period_from" date, "period_to" date, "programme_id" uuid, "programme_ids" uuid array, "requester_user_id" uuid, "requester_organisation_id" uuid, "dedup_key" text, "file_name" text, "content_type" text, "size_bytes" bigint, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "heartbeat_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "reports_period_check" CHECK (period_to IS NULL OR period_to >= period_from), CONSTRAINT "reports_failed_check" CHECK ((status = 'failed') = (error IS NOT NULL)), CONSTRAINT "reports_requester_check" CHECK ((requester_user_id IS NULL) <> (requester_organisation_id IS NULL)), CONSTRAINT "reports_progress_check" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "reports_status_check" CHECK (status IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "reports_format_check" CHECK (format IN ('csv', 'json', 'html')), CONSTRAINT "reports_kind_check" CHECK (kind IN ('round_funnel', 'cohort_progress', 'sponsor_digest', 'impact')), CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reports_dedup_key" ON "reports"  ("dedup_key") WHERE dedup_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "reports_expires_idx" ON "reports"  ("expires_at") `);
    await queryRunner.query(
      `CREATE INDEX "reports_status_idx" ON "reports"  ("status", "heartbeat_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "reports_requester_created_idx" ON "reports"  ("requester_user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_chunks" ("report_id" uuid NOT NULL, "seq" integer NOT NULL, "bytes" bytea NOT NULL, CONSTRAINT "report_chunks_seq_check" CHECK (seq >= 0), CONSTRAINT "PK_65a1b7ef78aa687845f232d725e" PRIMARY KEY ("report_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_chunks" ADD CONSTRAINT "FK_7684e5877663f8e89750331145f" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report_chunks" DROP CONSTRAINT "FK_7684e5877663f8e89750331145f"`,
    );
    await queryRunner.query(`DROP TABLE "report_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."reports_requester_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reports_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reports_expires_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reports_dedup_key"`);
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}
