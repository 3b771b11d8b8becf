import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A challenge's budget lines (exploration, accelerator, follow-on) are money like every other
 * amount: a whole, non-negative number of minor units in an ISO 4217 code. The API checked it,
 * the database did not: a raw write could store a negative budget. `money_json_ok` reads one
 * `{ amountMinor, currency }` value (absent or null is fine: the lines are optional).
 */
export class ChallengeBudgetMoney1798300000000 implements MigrationInterface {
  name = 'ChallengeBudgetMoney1798300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION money_json_ok(m jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
         SELECT m IS NULL OR jsonb_typeof(m) = 'null' OR (
           jsonb_typeof(m) = 'object'
           AND jsonb_typeof(m->'amountMinor') = 'number'
           AND (m->>'amountMinor')::numeric >= 0
           AND (m->>'amountMinor')::numeric = trunc((m->>'amountMinor')::numeric)
           AND coalesce(m->>'currency', '') ~ '^[A-Z]{3}$')
       $$`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "challenges_budget_check" CHECK (jsonb_typeof(budget) = 'object' AND money_json_ok(budget->'exploration') AND money_json_ok(budget->'accelerator') AND money_json_ok(budget->'followOn'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenges" DROP CONSTRAINT "challenges_budget_check"`);
    await queryRunner.query(`DROP FUNCTION money_json_ok(jsonb)`);
  }
}
