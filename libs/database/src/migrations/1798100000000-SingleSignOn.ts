import { MigrationInterface, QueryRunner } from 'typeorm';

export class SingleSignOn1798100000000 implements MigrationInterface {
  name = 'SingleSignOn1798100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "identity_providers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "display_name" text NOT NULL, "issuer_url" text NOT NULL, "client_id" text NOT NULL, "client_secret_sealed" text, "email_domains" text array NOT NULL, "first_sign_in" text NOT NULL, "default_role" text, "require_sso" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "identity_providers_default_role_check" CHECK ((first_sign_in = 'join') = (default_role IS NOT NULL)), CONSTRAINT "identity_providers_first_sign_in_check" CHECK (first_sign_in IN ('join', 'invited_only')), CONSTRAINT "PK_3ac9e77e3690c03f7f25579c8e0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "identity_providers_organisation_idx" ON "identity_providers"  ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "identity_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider_id" uuid NOT NULL, "subject" text NOT NULL, "user_id" uuid NOT NULL, "via" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sign_in_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "identity_links_provider_subject_key" UNIQUE ("provider_id", "subject"), CONSTRAINT "PK_752268a8618b739e2c007beae59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "identity_links_user_idx" ON "identity_links"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "password_sign_in_overrides" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "granted_by_user_id" uuid NOT NULL, "reason" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_587ec6f507a647b9c97aeebca4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_sign_in_overrides_user_idx" ON "password_sign_in_overrides"  ("user_id", "expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sso_flows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider_id" uuid NOT NULL, "kind" text NOT NULL, "secret_hash" text NOT NULL, "state" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "status" text NOT NULL DEFAULT 'started', "next" text, "subject" text, "email" text, "user_id" uuid, "family_id" uuid, "exchange_code_hash" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_55ca39aff9307716f3c111b51aa" UNIQUE ("secret_hash"), CONSTRAINT "UQ_f606d3937341e7ad7f1902fb607" UNIQUE ("state"), CONSTRAINT "UQ_8bbe9ed674fa71b736af744d8ba" UNIQUE ("exchange_code_hash"), CONSTRAINT "sso_flows_status_check" CHECK (status IN ('started', 'link_pending', 'completed', 'exchanged', 'refused')), CONSTRAINT "sso_flows_kind_check" CHECK (kind IN ('web', 'api')), CONSTRAINT "PK_5a401561ce7a2468892eb13fabc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sso_flows_family_idx" ON "sso_flows"  ("family_id") `);
    await queryRunner.query(`CREATE INDEX "sso_flows_expires_idx" ON "sso_flows"  ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "identity_providers" ADD CONSTRAINT "FK_86fe89f321cbd95123c02ae357f" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_links" ADD CONSTRAINT "FK_6440b455e1b758ff7bf09e0b9cd" FOREIGN KEY ("provider_id") REFERENCES "identity_providers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_links" ADD CONSTRAINT "FK_08272c00454aa4151c6a979f086" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_sign_in_overrides" ADD CONSTRAINT "FK_7a2e7aae97294764a94a2d5291e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_sign_in_overrides" ADD CONSTRAINT "FK_4d9800846c393be3c0fc5393eaa" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_flows" ADD CONSTRAINT "FK_50ea77ccbe63bc28ee9eecebd53" FOREIGN KEY ("provider_id") REFERENCES "identity_providers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sso_flows" DROP CONSTRAINT "FK_50ea77ccbe63bc28ee9eecebd53"`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_sign_in_overrides" DROP CONSTRAINT "FK_4d9800846c393be3c0fc5393eaa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_sign_in_overrides" DROP CONSTRAINT "FK_7a2e7aae97294764a94a2d5291e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_links" DROP CONSTRAINT "FK_08272c00454aa4151c6a979f086"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_links" DROP CONSTRAINT "FK_6440b455e1b758ff7bf09e0b9cd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_providers" DROP CONSTRAINT "FK_86fe89f321cbd95123c02ae357f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."sso_flows_expires_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sso_flows_family_idx"`);
    await queryRunner.query(`DROP TABLE "sso_flows"`);
    await queryRunner.query(`DROP INDEX "public"."password_sign_in_overrides_user_idx"`);
    await queryRunner.query(`DROP TABLE "password_sign_in_overrides"`);
    await queryRunner.query(`DROP INDEX "public"."identity_links_user_idx"`);
    await queryRunner.query(`DROP TABLE "identity_links"`);
    await queryRunner.query(`DROP INDEX "public"."identity_providers_organisation_idx"`);
    await queryRunner.query(`DROP TABLE "identity_providers"`);
  }
}
