import { randomBytes } from 'node:crypto';
import { ensureServices } from './services';

/**
 * Once per test run: check the services and name this run's template database. The first
 * test file to need it builds it (migrations included); the teardown drops it.
 */
export default async function globalSetup(): Promise<void> {
  await ensureServices();
  process.env.CATALYST_TEST_TEMPLATE = `catalyst_test_template_${randomBytes(4).toString('hex')}`;
}
