import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A selection reversed in the exploration stage disbands the team; the accelerator contract the
 * selection drafted referenced it with ON DELETE RESTRICT, so the reversal failed. The contract
 * now loses its team (and the contracts library links it to the next team formed for the
 * application, recording both on the contract's trail).
 */
export class ContractTeamSetNull1798600000000 implements MigrationInterface {
  name = 'ContractTeamSetNull1798600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_90c3300bcbb65f73509be3f79b8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_90c3300bcbb65f73509be3f79b8" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_90c3300bcbb65f73509be3f79b8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_90c3300bcbb65f73509be3f79b8" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
