import { Client } from 'pg';
import { TEST_ADMIN_URL } from './services';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.CATALYST_TEST_TEMPLATE;
  if (!template || !template.includes('test')) return;
  const client = new Client({ connectionString: TEST_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
