import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every list's sort served by an index: (sort key, id) for the keyset lists, behind the filter
 * that scopes them where there is one (test/foundation/list-indexes.e2e-spec.ts).
 */
export class ListSortIndexes1796000000000 implements MigrationInterface {
  name = 'ListSortIndexes1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "users_name_idx" ON "users"  ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "rounds_closes_idx" ON "rounds"  ("closes_at") `);
    await queryRunner.query(
      `CREATE INDEX "organisations_name_idx" ON "organisations"  ("name", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_organisation_email_idx" ON "invitations"  ("organisation_id", "email", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "rounds_opens_idx" ON "rounds"  ("opens_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "challenges_created_idx" ON "challenges"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_startup_created_idx" ON "applications"  ("startup_organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_challenge_created_idx" ON "applications"  ("challenge_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_created_idx" ON "applications"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "teams_round_created_idx" ON "teams"  ("round_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assessments_challenge_created_idx" ON "assessments"  ("challenge_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assessments_created_idx" ON "assessments"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "conflict_declarations_created_idx" ON "conflict_declarations"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "challenge_assessors_challenge_created_idx" ON "challenge_assessors"  ("challenge_id", "created_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."rounds_closes_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."challenge_assessors_challenge_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conflict_declarations_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessments_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessments_challenge_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."teams_round_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_challenge_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_startup_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."challenges_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."rounds_opens_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_organisation_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organisations_name_idx"`);
  }
}
