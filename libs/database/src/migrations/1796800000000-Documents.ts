import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents attached to other contexts' things: `documents` describes each upload (detected
 * type, size, SHA-256, what it is attached to), `document_chunks` holds the content in
 * ~256 KiB slices. The chunks' foreign key is checked at commit, because an upload writes its
 * chunks as they stream in, before the document row whose size and digest come last.
 */
export class Documents1796800000000 implements MigrationInterface {
  name = 'Documents1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL, "name" text NOT NULL, "content_type" text NOT NULL, "size" bigint NOT NULL, "sha256" text NOT NULL, "attached_to_type" text NOT NULL, "attached_to_id" uuid NOT NULL, "storage_key" text NOT NULL, "uploaded_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "documents_name_check" CHECK (char_length(name) BETWEEN 1 AND 255), CONSTRAINT "documents_sha256_check" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "documents_size_check" CHECK (size >= 0), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "documents_attached_to_created_idx" ON "documents"  ("attached_to_type", "attached_to_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document_chunks" ("document_id" uuid NOT NULL, "seq" integer NOT NULL, "bytes" bytea NOT NULL, CONSTRAINT "document_chunks_seq_check" CHECK (seq >= 0), CONSTRAINT "PK_ca7ad7d0265b2a08bd7de529b19" PRIMARY KEY ("document_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_chunks" ADD CONSTRAINT "FK_b371ff8bc1e4f65fc3d01420be5" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "document_chunks" DROP CONSTRAINT "FK_b371ff8bc1e4f65fc3d01420be5"`,
    );
    await queryRunner.query(`DROP TABLE "document_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."documents_attached_to_created_idx"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
