import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several programmes on one instance. `programmes` (run by an operator organisation); rounds
 * belong to one, and challenges, applications, assessments and teams carry their round's
 * programme (copied when created, kept equal to the parent's by a trigger, never changed) so
 * every policy and list can scope by it with an index.
 * `audit_events.programme_id` scopes the trail; rows written before this migration keep null
 * (the trail is append-only and is not rewritten) and read as instance-level events.
 * `users.instance_admin`: who may create operator organisations and programmes.
 *
 * An existing instance keeps working as before: its rounds move into one default programme
 * (slug `default`, renamable) run by its first operator organisation — created if rounds exist
 * without any operator — and its bootstrap administrator, the first programme manager, becomes
 * the instance administrator.
 */
export class Programmes1796700000000 implements MigrationInterface {
  name = 'Programmes1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "programmes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operator_organisation_id" uuid NOT NULL, "name" text NOT NULL, "slug" text NOT NULL, "short_description" text, "contact_email" text, "website_url" text, "timezone" text NOT NULL, "currency" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "UQ_336a51bd1f20303e5501fc36860" UNIQUE ("slug"), CONSTRAINT "programmes_currency_check" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "programmes_slug_check" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "PK_116b5f8dbb9f632d76bc144404f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "programmes_operator_idx" ON "programmes" ("operator_organisation_id")`,
    );
    await queryRunner.query(`CREATE INDEX "programmes_name_idx" ON "programmes" ("name", "id")`);
    await queryRunner.query(
      `ALTER TABLE "programmes" ADD CONSTRAINT "FK_3a84808ac5c42051563a2801cbd" FOREIGN KEY ("operator_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "instance_admin" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "programme_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "audit_events_programme_order_idx" ON "audit_events" ("programme_id", "at", "seq")`,
    );
    for (const table of ['rounds', 'challenges', 'applications', 'teams', 'assessments']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "programme_id" uuid`);
    }

    await this.moveExistingRoundsIntoADefaultProgramme(queryRunner);

    await queryRunner.query(
      `UPDATE "challenges" c SET "programme_id" = r."programme_id" FROM "rounds" r WHERE r."id" = c."round_id"`,
    );
    await queryRunner.query(
      `UPDATE "applications" a SET "programme_id" = c."programme_id" FROM "challenges" c WHERE c."id" = a."challenge_id"`,
    );
    await queryRunner.query(
      `UPDATE "teams" t SET "programme_id" = r."programme_id" FROM "rounds" r WHERE r."id" = t."round_id"`,
    );
    await queryRunner.query(
      `UPDATE "assessments" a SET "programme_id" = ap."programme_id" FROM "applications" ap WHERE ap."id" = a."application_id"`,
    );
    const foreignKeys: Record<string, string> = {
      rounds: 'FK_6a4006d4677143a8193af961a19',
      challenges: 'FK_48c2c520ca542144c437571e025',
      applications: 'FK_5316668b02db8cab0edef397cbe',
      teams: 'FK_01a7bfa8324aba1de0e0e083486',
      assessments: 'FK_c3fdae57cd069ded5ee24dfef62',
    };
    for (const [table, fk] of Object.entries(foreignKeys)) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "programme_id" SET NOT NULL`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${fk}" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    await queryRunner.query(`CREATE INDEX "rounds_programme_idx" ON "rounds" ("programme_id")`);
    await queryRunner.query(
      `CREATE INDEX "challenges_programme_idx" ON "challenges" ("programme_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_programme_created_idx" ON "applications" ("programme_id", "created_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "teams_programme_idx" ON "teams" ("programme_id")`);
    await queryRunner.query(
      `CREATE INDEX "assessments_programme_created_idx" ON "assessments" ("programme_id", "created_at", "id")`,
    );
    await this.keepProgrammesConsistent(queryRunner);
  }

  /**
   * The copies can never disagree with their parent: a row's programme is its parent's (filled
   * in when an insert leaves it out, refused when it names another), and a round never moves
   * to another programme.
   */
  private async keepProgrammesConsistent(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION programme_of_parent() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE parent uuid;
      BEGIN
        IF TG_TABLE_NAME IN ('challenges', 'teams') THEN
          SELECT programme_id INTO parent FROM rounds WHERE id = NEW.round_id;
        ELSIF TG_TABLE_NAME = 'applications' THEN
          SELECT programme_id INTO parent FROM challenges WHERE id = NEW.challenge_id;
        ELSIF TG_TABLE_NAME = 'assessments' THEN
          SELECT programme_id INTO parent FROM applications WHERE id = NEW.application_id;
        END IF;
        IF NEW.programme_id IS NULL THEN
          NEW.programme_id := parent;
        ELSIF parent IS NOT NULL AND NEW.programme_id <> parent THEN
          RAISE EXCEPTION 'a row of % belongs to its parent''s programme %, not %',
            TG_TABLE_NAME, parent, NEW.programme_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    const parents: Record<string, string> = {
      challenges: 'round_id',
      teams: 'round_id',
      applications: 'challenge_id',
      assessments: 'application_id',
    };
    for (const [table, parent] of Object.entries(parents)) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_programme_of_parent" BEFORE INSERT OR UPDATE OF "programme_id", "${parent}" ON "${table}" FOR EACH ROW EXECUTE FUNCTION programme_of_parent()`,
      );
    }
    await queryRunner.query(`CREATE FUNCTION rounds_programme_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a round never moves to another programme' USING ERRCODE = 'check_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "rounds_programme_fixed" BEFORE UPDATE OF "programme_id" ON "rounds" FOR EACH ROW WHEN (OLD."programme_id" IS DISTINCT FROM NEW."programme_id") EXECUTE FUNCTION rounds_programme_fixed()`,
    );
  }

  /** One programme for what an instance already holds; nothing on a fresh database. */
  private async moveExistingRoundsIntoADefaultProgramme(queryRunner: QueryRunner): Promise<void> {
    const [{ rounds }] = (await queryRunner.query(
      `SELECT count(*)::int AS rounds FROM "rounds"`,
    )) as { rounds: number }[];
    let [operator] = (await queryRunner.query(
      `SELECT "id", "name" FROM "organisations" WHERE "kind" = 'operator' ORDER BY "created_at", "id" LIMIT 1`,
    )) as { id: string; name: string }[];
    if (!operator && rounds === 0) return;
    if (!operator) {
      [operator] = (await queryRunner.query(
        `INSERT INTO "organisations" ("name", "kind", "version") VALUES ('Programme operator', 'operator', 1) RETURNING "id", "name"`,
      )) as { id: string; name: string }[];
    }
    const [{ timezone }] = (await queryRunner.query(
      `SELECT COALESCE((SELECT "timezone" FROM "rounds" GROUP BY "timezone" ORDER BY count(*) DESC, "timezone" LIMIT 1), 'Europe/London') AS timezone`,
    )) as { timezone: string }[];
    const [programme] = (await queryRunner.query(
      `INSERT INTO "programmes" ("operator_organisation_id", "name", "slug", "timezone", "currency", "version")
       VALUES ($1, $2, 'default', $3, 'GBP', 1) RETURNING "id"`,
      [operator.id, operator.name, timezone],
    )) as { id: string }[];
    await queryRunner.query(`UPDATE "rounds" SET "programme_id" = $1`, [programme.id]);
    // The first programme manager (the bootstrap administrator) keeps creating operators.
    await queryRunner.query(
      `UPDATE "users" SET "instance_admin" = true WHERE "id" = (
         SELECT m."user_id" FROM "memberships" m JOIN "organisations" o ON o."id" = m."organisation_id"
          WHERE m."role" = 'programme_manager' AND o."kind" = 'operator'
          ORDER BY m."created_at", m."id" LIMIT 1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "rounds_programme_fixed" ON "rounds"`);
    await queryRunner.query(`DROP FUNCTION rounds_programme_fixed()`);
    for (const table of ['challenges', 'teams', 'applications', 'assessments']) {
      await queryRunner.query(`DROP TRIGGER "${table}_programme_of_parent" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION programme_of_parent()`);
    await queryRunner.query(`DROP INDEX "assessments_programme_created_idx"`);
    await queryRunner.query(`DROP INDEX "teams_programme_idx"`);
    await queryRunner.query(`DROP INDEX "applications_programme_created_idx"`);
    await queryRunner.query(`DROP INDEX "challenges_programme_idx"`);
    await queryRunner.query(`DROP INDEX "rounds_programme_idx"`);
    for (const table of ['assessments', 'teams', 'applications', 'challenges', 'rounds']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "programme_id"`);
    }
    await queryRunner.query(`DROP INDEX "audit_events_programme_order_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "programme_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "instance_admin"`);
    await queryRunner.query(`DROP TABLE "programmes"`);
  }
}
