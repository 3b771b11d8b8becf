import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applications and teams are listed with a keyset cursor on (created_at, id). The cursor
 * carries a JS Date (milliseconds); with microseconds stored, the boundary row compares unequal
 * to its own cursor and rows repeat or vanish between pages. Millisecond precision fixes that.
 */
export class ApplicationsCreatedAtMillis1795391242729 implements MigrationInterface {
  name = 'ApplicationsCreatedAtMillis1795391242729';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "applications" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "teams" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "teams" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`,
    );
  }
}
