import { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessment1795391153109 implements MigrationInterface {
  name = 'Assessment1795391153109';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_scores" ("assessment_id" uuid NOT NULL, "criterion_key" text NOT NULL, "score" numeric NOT NULL, "max_score" numeric NOT NULL, "weight" numeric NOT NULL, CONSTRAINT "assessment_scores_weight_check" CHECK (weight > 0), CONSTRAINT "assessment_scores_max_check" CHECK (max_score > 0), CONSTRAINT "assessment_scores_range_check" CHECK (score >= 0 AND score <= max_score), CONSTRAINT "PK_159afbe39064c71e3efd886a276" PRIMARY KEY ("assessment_id", "criterion_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "assessor_user_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'assigned', "comment" text, "conflict_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "assigned_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "assessments_application_assessor_key" UNIQUE ("application_id", "assessor_user_id"), CONSTRAINT "assessments_conflict_reason_check" CHECK (status <> 'conflicted' OR conflict_reason IS NOT NULL), CONSTRAINT "assessments_submitted_at_check" CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)), CONSTRAINT "assessments_status_check" CHECK (status IN ('assigned', 'submitted', 'conflicted')), CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "assessments_assessor_created_idx" ON "assessments"  ("assessor_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assessments_challenge_assessor_idx" ON "assessments"  ("challenge_id", "assessor_user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "conflict_declarations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessor_user_id" uuid NOT NULL, "startup_organisation_id" uuid NOT NULL, "challenge_id" uuid, "application_id" uuid, "reason" text NOT NULL, "declared_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "conflict_declarations_assessor_company_key" UNIQUE ("assessor_user_id", "startup_organisation_id"), CONSTRAINT "PK_54773c4de5f8dd35925794876a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "conflict_declarations_startup_idx" ON "conflict_declarations"  ("startup_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "conflict_declarations_challenge_idx" ON "conflict_declarations"  ("challenge_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "author_user_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_933d4398b96b47f8aceb7fab524" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_notes_application_idx" ON "moderation_notes"  ("application_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "challenge_assessors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "challenge_assessors_challenge_user_key" UNIQUE ("challenge_id", "user_id"), CONSTRAINT "PK_01e1545026e1b1ee2801a5587bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "challenge_assessors_user_idx" ON "challenge_assessors"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "FK_3960c2c632d88420fed7f03b683" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_db66b8292a37f58378cae08165e" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_33843fb0f58eb689b7f40e5d81f" FOREIGN KEY ("assessor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_8a548d9927b2f333ae5a74c509b" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "FK_426c9e63ee0fc6befe521c398b3" FOREIGN KEY ("assessor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "FK_09a977b066a87c36cb5cc3f615a" FOREIGN KEY ("startup_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "FK_0c24568622d3e653120f8b707ec" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "FK_274426e74dfc6edd1a6e5b52b0e" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" ADD CONSTRAINT "FK_dd21dbd25abf1b2249d02bd0f37" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" ADD CONSTRAINT "FK_f195f913b178a3ddf6b369f579d" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" ADD CONSTRAINT "FK_9b249c7e754d1e62e4b0bb6246e" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" ADD CONSTRAINT "FK_092e740b06d9f67479da1e94359" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" ADD CONSTRAINT "FK_caa1861f267cd5221eb91b05394" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" DROP CONSTRAINT "FK_caa1861f267cd5221eb91b05394"`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" DROP CONSTRAINT "FK_092e740b06d9f67479da1e94359"`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" DROP CONSTRAINT "FK_9b249c7e754d1e62e4b0bb6246e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" DROP CONSTRAINT "FK_f195f913b178a3ddf6b369f579d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" DROP CONSTRAINT "FK_dd21dbd25abf1b2249d02bd0f37"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "FK_274426e74dfc6edd1a6e5b52b0e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "FK_0c24568622d3e653120f8b707ec"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "FK_09a977b066a87c36cb5cc3f615a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "FK_426c9e63ee0fc6befe521c398b3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_8a548d9927b2f333ae5a74c509b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_33843fb0f58eb689b7f40e5d81f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_db66b8292a37f58378cae08165e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" DROP CONSTRAINT "FK_3960c2c632d88420fed7f03b683"`,
    );
    await queryRunner.query(`DROP INDEX "public"."challenge_assessors_user_idx"`);
    await queryRunner.query(`DROP TABLE "challenge_assessors"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_notes_application_idx"`);
    await queryRunner.query(`DROP TABLE "moderation_notes"`);
    await queryRunner.query(`DROP INDEX "public"."conflict_declarations_challenge_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conflict_declarations_startup_idx"`);
    await queryRunner.query(`DROP TABLE "conflict_declarations"`);
    await queryRunner.query(`DROP INDEX "public"."assessments_challenge_assessor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessments_assessor_created_idx"`);
    await queryRunner.query(`DROP TABLE "assessments"`);
    await queryRunner.query(`DROP TABLE "assessment_scores"`);
  }
}
