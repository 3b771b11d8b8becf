import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795390446695 implements MigrationInterface {
  name = 'Initial1795390446695';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ping_receipts" ("ping_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "handled_by" text NOT NULL, CONSTRAINT "PK_104f867f4a5394b790127daa3fa" PRIMARY KEY ("ping_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ping_receipts"`);
  }
}
