import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accelerator: sprint calendars per round, each team's milestone plan and milestones (with
 * optional payments and sponsor sign-off), and the teams' progress updates.
 */
export class Accelerator1796900000000 implements MigrationInterface {
  name = 'Accelerator1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sprints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "number" integer NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "length_days" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sprints_number_check" CHECK (number >= 1), CONSTRAINT "sprints_dates_check" CHECK (ends_on >= starts_on), CONSTRAINT "PK_6800aa2e0f508561812c4b9afb4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sprints_round_number_key" ON "sprints"  ("round_id", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "title" text NOT NULL, "description" text, "acceptance_criteria" text, "due_on" date NOT NULL, "sprint_id" uuid, "payment_amount_minor" bigint, "payment_currency" text, "status" text NOT NULL DEFAULT 'planned', "evidence_urls" text array NOT NULL DEFAULT '{}', "document_ids" uuid array NOT NULL DEFAULT '{}', "submitted_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "changes_requested_reason" text, "paid_on" date, "payment_reference" text, "paid_by_user_id" uuid, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "milestones_paid_check" CHECK (paid_on IS NULL OR (payment_amount_minor IS NOT NULL AND status = 'accepted' AND payment_reference IS NOT NULL)), CONSTRAINT "milestones_payment_check" CHECK ((payment_amount_minor IS NULL) = (payment_currency IS NULL) AND (payment_amount_minor IS NULL OR payment_amount_minor >= 0)), CONSTRAINT "milestones_status_check" CHECK (status IN ('planned', 'in_progress', 'submitted', 'changes_requested', 'accepted')), CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "milestones_sprint_idx" ON "milestones"  ("sprint_id") `);
    await queryRunner.query(
      `CREATE INDEX "milestones_team_due_idx" ON "milestones"  ("team_id", "due_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "milestone_plans" ("team_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "agreed_at" TIMESTAMP WITH TIME ZONE, "agreed_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "milestone_plans_status_check" CHECK (status IN ('draft', 'proposed', 'agreed', 'reopened')), CONSTRAINT "PK_dc96a42b33b8b800c5e94035a58" PRIMARY KEY ("team_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "progress_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "sprint_id" uuid NOT NULL, "author_user_id" uuid NOT NULL, "rag" text NOT NULL, "summary" text NOT NULL, "blockers" text, "asks_for_help" text, "evidence_urls" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "progress_updates_rag_check" CHECK (rag IN ('green', 'amber', 'red')), CONSTRAINT "PK_180f6781848cb83b31c3deb131b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "progress_updates_sprint_idx" ON "progress_updates"  ("sprint_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "progress_updates_team_created_idx" ON "progress_updates"  ("team_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "sprints" ADD CONSTRAINT "FK_f5b494aea431e3798d72a3ad463" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "FK_32b1ea0d6a16bffc1c1f658cffc" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "FK_0a4f7b8ef4f160be2b27b2dbc81" FOREIGN KEY ("sprint_id") REFERENCES "sprints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone_plans" ADD CONSTRAINT "FK_dc96a42b33b8b800c5e94035a58" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_updates" ADD CONSTRAINT "FK_04f3361205b9feb7c60eae252b4" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_updates" ADD CONSTRAINT "FK_fb77da4ae21280da9e0bba2b49e" FOREIGN KEY ("sprint_id") REFERENCES "sprints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "progress_updates" DROP CONSTRAINT "FK_fb77da4ae21280da9e0bba2b49e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_updates" DROP CONSTRAINT "FK_04f3361205b9feb7c60eae252b4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone_plans" DROP CONSTRAINT "FK_dc96a42b33b8b800c5e94035a58"`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" DROP CONSTRAINT "FK_0a4f7b8ef4f160be2b27b2dbc81"`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" DROP CONSTRAINT "FK_32b1ea0d6a16bffc1c1f658cffc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprints" DROP CONSTRAINT "FK_f5b494aea431e3798d72a3ad463"`,
    );
    await queryRunner.query(`DROP INDEX "public"."progress_updates_team_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."progress_updates_sprint_idx"`);
    await queryRunner.query(`DROP TABLE "progress_updates"`);
    await queryRunner.query(`DROP TABLE "milestone_plans"`);
    await queryRunner.query(`DROP INDEX "public"."milestones_team_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."milestones_sprint_idx"`);
    await queryRunner.query(`DROP TABLE "milestones"`);
    await queryRunner.query(`DROP INDEX "public"."sprints_round_number_key"`);
    await queryRunner.query(`DROP TABLE "sprints"`);
  }
}
