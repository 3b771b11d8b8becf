import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts after (and during) the programme: contracts with their original terms, amendments
 * and payments as append-only history, startups' outcomes, and each round's default programme
 * contracts. Beyond the generated schema, triggers make the worst states impossible whatever
 * writes the rows: a contract's terms never change once it leaves draft (amendments carry the
 * changes), a final contract never moves and an awarded one is never deleted; a payment in
 * another currency than its contract's, before the award, or one that takes the total paid
 * above the current value is refused; a reversal must mirror the payment it reverses; an
 * amendment never sets the value below what is paid.
 */
export class Contracts1797200000000 implements MigrationInterface {
  name = 'Contracts1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "round_id" uuid, "team_id" uuid, "application_id" uuid, "buyer_organisation_id" uuid NOT NULL, "startup_organisation_id" uuid NOT NULL, "sponsor_organisation_id" uuid, "kind" text NOT NULL, "reference" text NOT NULL, "title" text NOT NULL, "procurement_route" text, "value_amount_minor" bigint NOT NULL, "currency" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "status" text NOT NULL DEFAULT 'draft', "termination_reason" text, "awarded_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "contracts_parties_check" CHECK (buyer_organisation_id <> startup_organisation_id), CONSTRAINT "contracts_terminated_check" CHECK ((status = 'terminated') = (termination_reason IS NOT NULL)), CONSTRAINT "contracts_reference_check" CHECK (length(btrim(reference)) > 0), CONSTRAINT "contracts_dates_check" CHECK (ends_on >= starts_on), CONSTRAINT "contracts_currency_check" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "contracts_value_check" CHECK (value_amount_minor >= 0), CONSTRAINT "contracts_procurement_route_check" CHECK (procurement_route IS NULL OR procurement_route IN ('direct_award', 'innovation_partnership', 'framework', 'open_tender', 'other')), CONSTRAINT "contracts_status_check" CHECK (status IN ('draft', 'awarded', 'active', 'completed', 'terminated')), CONSTRAINT "contracts_kind_check" CHECK (kind IN ('exploration', 'accelerator', 'follow_on', 'commercial', 'framework_call_off')), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "contracts_round_idx" ON "contracts"  ("round_id") `);
    await queryRunner.query(`CREATE INDEX "contracts_team_idx" ON "contracts"  ("team_id") `);
    await queryRunner.query(
      `CREATE INDEX "contracts_startup_idx" ON "contracts"  ("startup_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "contracts_sponsor_idx" ON "contracts"  ("sponsor_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contracts_application_kind_key" ON "contracts"  ("application_id", "kind") WHERE application_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contracts_buyer_reference_key" ON "contracts"  ("buyer_organisation_id", "reference") `,
    );
    await queryRunner.query(
      `CREATE INDEX "contracts_programme_created_idx" ON "contracts"  ("programme_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_amendments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "number" integer NOT NULL, "kind" text NOT NULL, "ends_on" date, "value_amount_minor" bigint, "reason" text NOT NULL, "document_ids" uuid array NOT NULL DEFAULT '{}', "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contract_amendments_number_check" CHECK (number >= 1), CONSTRAINT "contract_amendments_reason_check" CHECK (length(btrim(reason)) > 0), CONSTRAINT "contract_amendments_value_check" CHECK (value_amount_minor IS NULL OR value_amount_minor >= 0), CONSTRAINT "contract_amendments_terms_check" CHECK ((kind = 'extension' AND ends_on IS NOT NULL AND value_amount_minor IS NULL) OR (kind = 'value_change' AND ends_on IS NULL AND value_amount_minor IS NOT NULL) OR (kind = 'extension_and_value_change' AND ends_on IS NOT NULL AND value_amount_minor IS NOT NULL)), CONSTRAINT "contract_amendments_kind_check" CHECK (kind IN ('extension', 'value_change', 'extension_and_value_change')), CONSTRAINT "PK_08eb1387dc379408f2477217504" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contract_amendments_number_key" ON "contract_amendments"  ("contract_id", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "round_contract_defaults" ("round_id" uuid NOT NULL, "exploration_amount_minor" bigint, "exploration_days" integer NOT NULL DEFAULT '21', "accelerator_amount_minor" bigint, "currency" text NOT NULL, "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "round_contract_defaults_currency_check" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "round_contract_defaults_days_check" CHECK (exploration_days >= 1), CONSTRAINT "round_contract_defaults_amounts_check" CHECK ((exploration_amount_minor IS NULL OR exploration_amount_minor >= 0) AND (accelerator_amount_minor IS NULL OR accelerator_amount_minor >= 0)), CONSTRAINT "PK_b15ac4cc6b75ac6aa5789ec65cb" PRIMARY KEY ("round_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outcomes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "value_amount_minor" bigint, "value_currency" text, "count" integer, "buyer_organisation_id" uuid, "buyer_name" text, "reported_on" date NOT NULL, "note" text, "corrects_outcome_id" uuid, "reported_by_user_id" uuid NOT NULL, "on_behalf" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "outcomes_currency_check" CHECK (value_currency IS NULL OR value_currency ~ '^[A-Z]{3}$'), CONSTRAINT "outcomes_count_check" CHECK (count IS NULL OR count >= 0), CONSTRAINT "outcomes_value_check" CHECK (value_amount_minor IS NULL OR value_amount_minor >= 0), CONSTRAINT "outcomes_figures_check" CHECK ((kind IN ('investment', 'revenue') AND value_amount_minor IS NOT NULL AND value_currency IS NOT NULL AND count IS NULL) OR (kind = 'jobs' AND count IS NOT NULL AND value_amount_minor IS NULL AND value_currency IS NULL) OR (kind = 'public_buyer' AND (buyer_organisation_id IS NOT NULL OR buyer_name IS NOT NULL) AND count IS NULL)), CONSTRAINT "outcomes_kind_check" CHECK (kind IN ('investment', 'jobs', 'revenue', 'public_buyer')), CONSTRAINT "PK_f5b8391e8300f8962eb1842dfca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "outcomes_corrects_key" ON "outcomes"  ("corrects_outcome_id") WHERE corrects_outcome_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "outcomes_organisation_created_idx" ON "outcomes"  ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "kind" text NOT NULL, "amount_minor" bigint NOT NULL, "currency" text NOT NULL, "paid_on" date NOT NULL, "reference" text, "milestone_id" uuid, "reverses_payment_id" uuid, "reason" text, "recorded_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contract_payments_reversal_check" CHECK ((kind = 'payment' AND reverses_payment_id IS NULL AND reason IS NULL) OR (kind = 'reversal' AND reverses_payment_id IS NOT NULL AND reason IS NOT NULL AND length(btrim(reason)) > 0)), CONSTRAINT "contract_payments_currency_check" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "contract_payments_amount_check" CHECK (amount_minor > 0), CONSTRAINT "contract_payments_kind_check" CHECK (kind IN ('payment', 'reversal')), CONSTRAINT "PK_d13742331d1239939340bbd9b42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contract_payments_milestone_key" ON "contract_payments"  ("milestone_id") WHERE milestone_id IS NOT NULL AND kind = 'payment'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contract_payments_reverses_key" ON "contract_payments"  ("reverses_payment_id") WHERE reverses_payment_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "contract_payments_contract_idx" ON "contract_payments"  ("contract_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_a0d47c4928eb2f5a353b1db184e" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_643060de031122f10662cd01f46" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_90c3300bcbb65f73509be3f79b8" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_2fa1d8100623e3836e96d32afe7" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_b7cfbbffab32a7ce48c8d99da71" FOREIGN KEY ("buyer_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_1b87abbb9a0a41917842fb78888" FOREIGN KEY ("startup_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_1f5d5b8ada281c7bc7a4e141a1a" FOREIGN KEY ("sponsor_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_amendments" ADD CONSTRAINT "FK_e3c3ded02ffe206062ade0ef31d" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_contract_defaults" ADD CONSTRAINT "FK_b15ac4cc6b75ac6aa5789ec65cb" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" ADD CONSTRAINT "FK_d556d9d80f6de670ab340c4af32" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" ADD CONSTRAINT "FK_7a6685ba6160e0ff59d3beb2403" FOREIGN KEY ("buyer_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" ADD CONSTRAINT "FK_f1f4e54c5431c60ccbe37433b61" FOREIGN KEY ("corrects_outcome_id") REFERENCES "outcomes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_payments" ADD CONSTRAINT "FK_57e429c636d45629e4994dc18cb" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_payments" ADD CONSTRAINT "FK_a525a7a7c19839d608419576bca" FOREIGN KEY ("reverses_payment_id") REFERENCES "contract_payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE FUNCTION contracts_keep_terms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'contract % is %: it is never deleted', OLD.id, OLD.status
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'draft' AND (
          NEW.value_amount_minor, NEW.currency, NEW.starts_on, NEW.ends_on, NEW.reference,
          NEW.kind, NEW.buyer_organisation_id, NEW.startup_organisation_id, NEW.programme_id
        ) IS DISTINCT FROM (
          OLD.value_amount_minor, OLD.currency, OLD.starts_on, OLD.ends_on, OLD.reference,
          OLD.kind, OLD.buyer_organisation_id, OLD.startup_organisation_id, OLD.programme_id
        ) THEN
          RAISE EXCEPTION 'contract % is %: its terms change only by amendment', OLD.id, OLD.status
            USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status IN ('completed', 'terminated') AND NEW.status <> OLD.status THEN
          RAISE EXCEPTION 'contract % is %: final', OLD.id, OLD.status
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER contracts_keep_terms BEFORE UPDATE OR DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION contracts_keep_terms()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION contract_current_value(contract uuid) RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT COALESCE(
          (SELECT a.value_amount_minor FROM contract_amendments a
            WHERE a.contract_id = c.id AND a.value_amount_minor IS NOT NULL
            ORDER BY a.number DESC LIMIT 1),
          c.value_amount_minor)
        FROM contracts c WHERE c.id = contract
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION contract_paid(contract uuid) RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT COALESCE(SUM(CASE p.kind WHEN 'payment' THEN p.amount_minor ELSE -p.amount_minor END), 0)::bigint
        FROM contract_payments p WHERE p.contract_id = contract
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION contract_payments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        c contracts%ROWTYPE;
        reversed contract_payments%ROWTYPE;
      BEGIN
        -- One writer per contract at a time, so two payments cannot both pass the ceiling.
        SELECT * INTO c FROM contracts WHERE id = NEW.contract_id FOR UPDATE;
        IF NEW.currency <> c.currency THEN
          RAISE EXCEPTION 'contract % is in %, not %', c.id, c.currency, NEW.currency
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.kind = 'payment' THEN
          IF c.status NOT IN ('awarded', 'active', 'completed') THEN
            RAISE EXCEPTION 'contract % is %: no payments', c.id, c.status
              USING ERRCODE = 'check_violation';
          END IF;
          IF contract_paid(c.id) + NEW.amount_minor > contract_current_value(c.id) THEN
            RAISE EXCEPTION 'payment would take contract % above its current value', c.id
              USING ERRCODE = 'check_violation';
          END IF;
        ELSE
          SELECT * INTO reversed FROM contract_payments WHERE id = NEW.reverses_payment_id;
          IF reversed.id IS NULL OR reversed.kind <> 'payment' OR reversed.contract_id <> NEW.contract_id
             OR reversed.amount_minor <> NEW.amount_minor OR reversed.currency <> NEW.currency THEN
            RAISE EXCEPTION 'a reversal mirrors one payment of the same contract'
              USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER contract_payments_guard BEFORE INSERT ON contract_payments FOR EACH ROW EXECUTE FUNCTION contract_payments_guard()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION contract_amendments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        c contracts%ROWTYPE;
      BEGIN
        SELECT * INTO c FROM contracts WHERE id = NEW.contract_id FOR UPDATE;
        IF c.status NOT IN ('draft', 'awarded', 'active') THEN
          RAISE EXCEPTION 'contract % is %: no amendments', c.id, c.status
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.value_amount_minor IS NOT NULL AND NEW.value_amount_minor < contract_paid(c.id) THEN
          RAISE EXCEPTION 'amendment would set contract % below what is paid', c.id
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.ends_on IS NOT NULL AND NEW.ends_on < c.starts_on THEN
          RAISE EXCEPTION 'amendment would end contract % before it starts', c.id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER contract_amendments_guard BEFORE INSERT ON contract_amendments FOR EACH ROW EXECUTE FUNCTION contract_amendments_guard()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contract_amendments_guard ON contract_amendments`);
    await queryRunner.query(`DROP FUNCTION contract_amendments_guard()`);
    await queryRunner.query(`DROP TRIGGER contract_payments_guard ON contract_payments`);
    await queryRunner.query(`DROP FUNCTION contract_payments_guard()`);
    await queryRunner.query(`DROP FUNCTION contract_paid(uuid)`);
    await queryRunner.query(`DROP FUNCTION contract_current_value(uuid)`);
    await queryRunner.query(`DROP TRIGGER contracts_keep_terms ON contracts`);
    await queryRunner.query(`DROP FUNCTION contracts_keep_terms()`);
    await queryRunner.query(
      `ALTER TABLE "contract_payments" DROP CONSTRAINT "FK_a525a7a7c19839d608419576bca"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_payments" DROP CONSTRAINT "FK_57e429c636d45629e4994dc18cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" DROP CONSTRAINT "FK_f1f4e54c5431c60ccbe37433b61"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" DROP CONSTRAINT "FK_7a6685ba6160e0ff59d3beb2403"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" DROP CONSTRAINT "FK_d556d9d80f6de670ab340c4af32"`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_contract_defaults" DROP CONSTRAINT "FK_b15ac4cc6b75ac6aa5789ec65cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_amendments" DROP CONSTRAINT "FK_e3c3ded02ffe206062ade0ef31d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_1f5d5b8ada281c7bc7a4e141a1a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_1b87abbb9a0a41917842fb78888"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_b7cfbbffab32a7ce48c8d99da71"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_2fa1d8100623e3836e96d32afe7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_90c3300bcbb65f73509be3f79b8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_643060de031122f10662cd01f46"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_a0d47c4928eb2f5a353b1db184e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."contract_payments_contract_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contract_payments_reverses_key"`);
    await queryRunner.query(`DROP INDEX "public"."contract_payments_milestone_key"`);
    await queryRunner.query(`DROP TABLE "contract_payments"`);
    await queryRunner.query(`DROP INDEX "public"."outcomes_organisation_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outcomes_corrects_key"`);
    await queryRunner.query(`DROP TABLE "outcomes"`);
    await queryRunner.query(`DROP TABLE "round_contract_defaults"`);
    await queryRunner.query(`DROP INDEX "public"."contract_amendments_number_key"`);
    await queryRunner.query(`DROP TABLE "contract_amendments"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_programme_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_buyer_reference_key"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_application_kind_key"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_sponsor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_startup_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_team_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_round_idx"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
  }
}
