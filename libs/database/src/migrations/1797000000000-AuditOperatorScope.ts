import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_events.operator_organisation_id`: the operator organisation an instance-level event
 * is about (its edits, invitations into it, its memberships, accounts made by joining it).
 * Operators are not shared between programmes, so such an event is read only by that
 * operator's programme managers and by instance administrators, not by every programme
 * manager of the instance. Rows written before this migration keep null (the trail is
 * append-only and is not rewritten) and stay instance-level.
 */
export class AuditOperatorScope1797000000000 implements MigrationInterface {
  name = 'AuditOperatorScope1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "operator_organisation_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "operator_organisation_id"`);
  }
}
