import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rounds.closed_at`: when the open call actually ended (early, late or by the calendar job),
 * so the round's view and its submissions can be compared with the real close.
 * `invitations.version`: invitations are moved through the shared transition use case, which
 * honours If-Match like every other stateful resource.
 */
export class RoundClosedAtInvitationVersion1796400000000 implements MigrationInterface {
  name = 'RoundClosedAtInvitationVersion1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rounds" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD "version" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "rounds" DROP COLUMN "closed_at"`);
  }
}
