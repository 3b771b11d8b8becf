import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `progress_updates.document_ids`: the documents (libs/documents, attached to the update) its
 * author names as evidence, as a milestone's `document_ids` do for a submission.
 */
export class ProgressUpdateDocuments1797100000000 implements MigrationInterface {
  name = 'ProgressUpdateDocuments1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "progress_updates" ADD "document_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "progress_updates" DROP COLUMN "document_ids"`);
  }
}
