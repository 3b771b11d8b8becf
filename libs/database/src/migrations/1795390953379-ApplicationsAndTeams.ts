import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationsAndTeams1795390953379 implements MigrationInterface {
  name = 'ApplicationsAndTeams1795390953379';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "round_id" uuid NOT NULL, "startup_organisation_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "answers" jsonb NOT NULL DEFAULT '{}', "submitted_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "applications_status_check" CHECK (status IN ('draft', 'submitted', 'ineligible', 'shortlisted', 'exploration', 'selected', 'waitlisted', 'rejected', 'withdrawn')), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_challenge_idx" ON "applications"  ("challenge_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_round_idx" ON "applications"  ("round_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_startup_idx" ON "applications"  ("startup_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "applications_one_live_per_company" ON "applications"  ("challenge_id", "startup_organisation_id") WHERE status <> 'withdrawn'`,
    );
    await queryRunner.query(
      `CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "application_id" uuid NOT NULL, "startup_organisation_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "sponsor_organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6266abaee86bd226a6632c714eb" UNIQUE ("application_id"), CONSTRAINT "REL_6266abaee86bd226a6632c714e" UNIQUE ("application_id"), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "teams_round_idx" ON "teams"  ("round_id") `);
    await queryRunner.query(
      `CREATE INDEX "teams_startup_idx" ON "teams"  ("startup_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "teams_sponsor_idx" ON "teams"  ("sponsor_organisation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "FK_4f7881d6acdd25eefa677c4dfbc" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "FK_fb113ea20f0046ad3891abb0bcd" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "FK_f5f14497788408135842a2e726d" FOREIGN KEY ("startup_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_376603f984ab933226b933ddff2" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_6266abaee86bd226a6632c714eb" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_340f3c01e094406f6da74c928eb" FOREIGN KEY ("startup_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_c395fd87f59bd9159f297bb651d" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_3f447089a61578f5bc83a913cc1" FOREIGN KEY ("sponsor_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_3f447089a61578f5bc83a913cc1"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_c395fd87f59bd9159f297bb651d"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_340f3c01e094406f6da74c928eb"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_6266abaee86bd226a6632c714eb"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_376603f984ab933226b933ddff2"`);
    await queryRunner.query(
      `ALTER TABLE "applications" DROP CONSTRAINT "FK_f5f14497788408135842a2e726d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" DROP CONSTRAINT "FK_fb113ea20f0046ad3891abb0bcd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" DROP CONSTRAINT "FK_4f7881d6acdd25eefa677c4dfbc"`,
    );
    await queryRunner.query(`DROP INDEX "public"."teams_sponsor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."teams_startup_idx"`);
    await queryRunner.query(`DROP INDEX "public"."teams_round_idx"`);
    await queryRunner.query(`DROP TABLE "teams"`);
    await queryRunner.query(`DROP INDEX "public"."applications_one_live_per_company"`);
    await queryRunner.query(`DROP INDEX "public"."applications_startup_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_round_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_challenge_idx"`);
    await queryRunner.query(`DROP TABLE "applications"`);
  }
}
