/**
 * Migration CLI: `run` applies pending migrations (and, when DATABASE_APP_URL is set, sets up
 * the app's restricted role, see app-role.ts); `roles` only sets up that role; `generate
 * <Name>` writes a migration from the difference between the entities and the migrated
 * schema; `check` fails when that difference is not empty (entities and migrations must never
 * drift). DATABASE_URL is the owner's connection: the role the migrations run as.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupAppRole } from '../app-role';
import { SchemaQuery, createDataSource, pendingSchemaChanges, runMigrations } from '../data-source';
import { portable } from '../portable-query';

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required (a postgres:// connection string)');
    process.exit(78);
  }
  return url;
}

function escape(sql: string): string {
  return sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

async function generate(name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: npm run migration:generate -- <PascalCaseName>');
    process.exit(64);
  }
  const url = databaseUrl();
  await runMigrations(url);
  const ds = createDataSource(url, 'catalyst-migrate');
  await ds.initialize();
  try {
    const changes = await pendingSchemaChanges(ds);
    const databaseName = String(ds.driver.database);
    const up = changes.up.map((q) => portable(q, databaseName));
    const down = changes.down.map((q) => portable(q, databaseName));
    if (up.length === 0) {
      console.log('No changes: the entities match the migrations.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const body = (queries: SchemaQuery[]) =>
      queries
        .map((q) =>
          q.parameters
            ? `    await queryRunner.query(\`${escape(q.query)}\`, ${JSON.stringify(q.parameters)});`
            : `    await queryRunner.query(\`${escape(q.query)}\`);`,
        )
        .join('\n');
    const file = join(process.cwd(), 'libs/database/src/migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body(down)}
  }
}
`,
    );
    console.log(`Wrote ${file}`);
  } finally {
    await ds.destroy();
  }
}

async function check(): Promise<void> {
  const url = databaseUrl();
  await runMigrations(url);
  const ds = createDataSource(url, 'catalyst-migrate');
  await ds.initialize();
  try {
    const { up } = await pendingSchemaChanges(ds);
    if (up.length) {
      console.error('Entities and migrations have drifted. A migration would need:');
      for (const q of up) console.error(`  ${q.query}`);
      process.exitCode = 1;
    } else {
      console.log('Schema check: entities and migrations agree.');
    }
  } finally {
    await ds.destroy();
  }
}

/** Creates and grants the app's role named by DATABASE_APP_URL; no-op when it is unset. */
async function roles(required: boolean): Promise<void> {
  const appUrl = process.env.DATABASE_APP_URL?.trim();
  if (!appUrl) {
    if (required) {
      console.error("DATABASE_APP_URL is required: the app's connection string, naming its role");
      process.exit(78);
    }
    console.log(
      'DATABASE_APP_URL is not set: no app role set up (the API and worker will need rights of their own).',
    );
    return;
  }
  const queueSchema = process.env.QUEUE_BACKEND?.trim() === 'postgres';
  const { role, created } = await setupAppRole(databaseUrl(), appUrl, { queueSchema });
  console.log(
    `App role '${role}' ${created ? 'created and ' : ''}granted: DML on the tables, INSERT and SELECT only on the audit trail${queueSchema ? ', and its own bullmq schema' : ''}.`,
  );
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'run': {
      const applied = await runMigrations(databaseUrl());
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
      return roles(false);
    }
    case 'roles':
      return roles(true);
    case 'generate':
      return generate(arg);
    case 'check':
      return check();
    default:
      console.error('Usage: migrate run | roles | generate <Name> | check');
      process.exit(64);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
