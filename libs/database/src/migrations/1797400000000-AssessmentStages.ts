import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Selection in stages: each challenge's ordered stages (a challenge without rows has the one
 * default stage `sift`), recorded entries into later stages, interview slots, moderated
 * outcomes per stage, and feedback released per challenge. Existing panels, assessments and
 * moderation notes become the first stage's (`stage_key` defaults to `sift`); an assessor may
 * now sit on several stages' panels, so the one-seat and one-review keys take the stage in.
 * The latest decision's reason, until now only in the audit trail, is copied onto each
 * decided application so its feedback can tell the company.
 */
export class AssessmentStages1797400000000 implements MigrationInterface {
  name = 'AssessmentStages1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" DROP CONSTRAINT "challenge_assessors_challenge_user_key"`,
    );
    await queryRunner.query(
      `CREATE TABLE "feedback_releases" ("challenge_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_by_user_id" uuid, CONSTRAINT "PK_2692c2652c910f41c2314d0e34d" PRIMARY KEY ("challenge_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_stages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "key" text NOT NULL, "label" text NOT NULL, "position" integer NOT NULL, "rubric" jsonb, "blind" boolean, "needs_slots" boolean NOT NULL DEFAULT false, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "assessment_stages_challenge_position_key" UNIQUE ("challenge_id", "position"), CONSTRAINT "assessment_stages_challenge_key_key" UNIQUE ("challenge_id", "key"), CONSTRAINT "assessment_stages_rubric_check" CHECK (position = 1 OR rubric IS NOT NULL), CONSTRAINT "assessment_stages_interview_not_blind_check" CHECK (NOT (needs_slots AND blind IS TRUE)), CONSTRAINT "assessment_stages_position_check" CHECK (position >= 1), CONSTRAINT "PK_eb96a9593a6183d2417e8af0a61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "interview_slots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stage_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "length_minutes" integer NOT NULL, "place" text, "video_url" text, "application_id" uuid, "booked_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "interview_slots_stage_application_key" UNIQUE ("stage_id", "application_id"), CONSTRAINT "interview_slots_where_check" CHECK (place IS NOT NULL OR video_url IS NOT NULL), CONSTRAINT "interview_slots_length_check" CHECK (length_minutes > 0 AND length_minutes <= 480), CONSTRAINT "PK_ae5d7926afb757f3dd0452e9eeb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "interview_slots_application_idx" ON "interview_slots"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "interview_slots_stage_starts_idx" ON "interview_slots"  ("stage_id", "starts_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_outcomes" ("application_id" uuid NOT NULL, "stage_key" text NOT NULL, "challenge_id" uuid NOT NULL, "outcome" text NOT NULL, "adjusted_score" numeric, "reason" text NOT NULL, "decided_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "moderation_outcomes_adjusted_check" CHECK ((outcome = 'adjusted') = (adjusted_score IS NOT NULL) AND (adjusted_score IS NULL OR (adjusted_score >= 0 AND adjusted_score <= 100))), CONSTRAINT "moderation_outcomes_outcome_check" CHECK (outcome IN ('confirmed', 'adjusted')), CONSTRAINT "PK_2375cda9728cac2282d7ff16276" PRIMARY KEY ("application_id", "stage_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stage_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stage_id" uuid NOT NULL, "stage_key" text NOT NULL, "application_id" uuid NOT NULL, "reason" text NOT NULL, "entered_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "stage_entries_stage_application_key" UNIQUE ("stage_id", "application_id"), CONSTRAINT "PK_3cdf97fc4503de95d79c414344d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "stage_entries_application_idx" ON "stage_entries"  ("application_id") `,
    );
    await queryRunner.query(`ALTER TABLE "applications" ADD "decision_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD "stage_key" text NOT NULL DEFAULT 'sift'`,
    );
    await queryRunner.query(`ALTER TABLE "assessments" ADD "feedback_comment" text`);
    await queryRunner.query(
      `ALTER TABLE "moderation_notes" ADD "stage_key" text NOT NULL DEFAULT 'sift'`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" ADD "stage_key" text NOT NULL DEFAULT 'sift'`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" ADD CONSTRAINT "challenge_assessors_stage_user_key" UNIQUE ("challenge_id", "stage_key", "user_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "assessments_application_assessor_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "assessments_application_stage_assessor_key" UNIQUE ("application_id", "stage_key", "assessor_user_id")`,
    );
    await queryRunner.query(
      `UPDATE "applications" ap SET "decision_reason" = e.reason FROM (SELECT DISTINCT ON (entity_id) entity_id, reason FROM audit_events WHERE entity_type = 'application' AND action IN ('application.shortlisted', 'application.exploration', 'application.selected', 'application.waitlisted', 'application.rejected') ORDER BY entity_id, seq DESC) e WHERE ap.id::text = e.entity_id AND ap.status IN ('shortlisted', 'exploration', 'selected', 'waitlisted', 'rejected')`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback_releases" ADD CONSTRAINT "FK_2692c2652c910f41c2314d0e34d" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_stages" ADD CONSTRAINT "FK_700522817c9a2e54caabf887e63" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_stages" ADD CONSTRAINT "FK_4785dac25a4468e2b202f0743ae" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_slots" ADD CONSTRAINT "FK_e717de9dab0b24259cc09d2d08e" FOREIGN KEY ("stage_id") REFERENCES "assessment_stages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_slots" ADD CONSTRAINT "FK_23eed8f08aad02bd1998016ddea" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_outcomes" ADD CONSTRAINT "FK_af01e742fee5fe12af4d8dd5561" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stage_entries" ADD CONSTRAINT "FK_49e401ffddb3ae6a70de297fe79" FOREIGN KEY ("stage_id") REFERENCES "assessment_stages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stage_entries" ADD CONSTRAINT "FK_bf79c5cf59f7efe16755bb7ce9e" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "stage_entries" DROP CONSTRAINT "FK_bf79c5cf59f7efe16755bb7ce9e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "stage_entries" DROP CONSTRAINT "FK_49e401ffddb3ae6a70de297fe79"`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_outcomes" DROP CONSTRAINT "FK_af01e742fee5fe12af4d8dd5561"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_slots" DROP CONSTRAINT "FK_23eed8f08aad02bd1998016ddea"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_slots" DROP CONSTRAINT "FK_e717de9dab0b24259cc09d2d08e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_stages" DROP CONSTRAINT "FK_4785dac25a4468e2b202f0743ae"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_stages" DROP CONSTRAINT "FK_700522817c9a2e54caabf887e63"`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback_releases" DROP CONSTRAINT "FK_2692c2652c910f41c2314d0e34d"`,
    );
    await queryRunner.query(`DELETE FROM "assessments" WHERE "stage_key" <> 'sift'`);
    await queryRunner.query(`DELETE FROM "challenge_assessors" WHERE "stage_key" <> 'sift'`);
    await queryRunner.query(`DELETE FROM "moderation_notes" WHERE "stage_key" <> 'sift'`);
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "assessments_application_stage_assessor_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "assessments_application_assessor_key" UNIQUE ("application_id", "assessor_user_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" DROP CONSTRAINT "challenge_assessors_stage_user_key"`,
    );
    await queryRunner.query(`ALTER TABLE "challenge_assessors" DROP COLUMN "stage_key"`);
    await queryRunner.query(`ALTER TABLE "moderation_notes" DROP COLUMN "stage_key"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP COLUMN "feedback_comment"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP COLUMN "stage_key"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "decision_reason"`);
    await queryRunner.query(`DROP INDEX "public"."stage_entries_application_idx"`);
    await queryRunner.query(`DROP TABLE "stage_entries"`);
    await queryRunner.query(`DROP TABLE "moderation_outcomes"`);
    await queryRunner.query(`DROP INDEX "public"."interview_slots_stage_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."interview_slots_application_idx"`);
    await queryRunner.query(`DROP TABLE "interview_slots"`);
    await queryRunner.query(`DROP TABLE "assessment_stages"`);
    await queryRunner.query(`DROP TABLE "feedback_releases"`);
    await queryRunner.query(
      `ALTER TABLE "challenge_assessors" ADD CONSTRAINT "challenge_assessors_challenge_user_key" UNIQUE ("challenge_id", "user_id")`,
    );
  }
}
