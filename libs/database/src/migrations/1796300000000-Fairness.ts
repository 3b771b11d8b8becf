import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blind review and conflicts: a conflict declaration is unique per assessor, company and
 * challenge (a declaration on a blind application must not be refused because of one made
 * elsewhere by company), and programme managers' amended blind copies of applications.
 * `down` restores the old pair key and fails if the same pair was since declared in two
 * challenges (delete the later rows first).
 */
export class Fairness1796300000000 implements MigrationInterface {
  name = 'Fairness1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "conflict_declarations_assessor_company_key"`,
    );
    await queryRunner.query(
      `CREATE TABLE "blind_copies" ("application_id" uuid NOT NULL, "answers" jsonb NOT NULL, "amended_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_7b828ad6661d7dee01697023d96" PRIMARY KEY ("application_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_assessor_company_challenge_key" UNIQUE ("assessor_user_id", "startup_organisation_id", "challenge_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "blind_copies" ADD CONSTRAINT "FK_7b828ad6661d7dee01697023d96" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "blind_copies" ADD CONSTRAINT "FK_6d3e7a12095e22702308f5b1c93" FOREIGN KEY ("amended_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "blind_copies" DROP CONSTRAINT "FK_6d3e7a12095e22702308f5b1c93"`,
    );
    await queryRunner.query(
      `ALTER TABLE "blind_copies" DROP CONSTRAINT "FK_7b828ad6661d7dee01697023d96"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "conflict_declarations_assessor_company_challenge_key"`,
    );
    await queryRunner.query(`DROP TABLE "blind_copies"`);
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_assessor_company_key" UNIQUE ("assessor_user_id", "startup_organisation_id")`,
    );
  }
}
