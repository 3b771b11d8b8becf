import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface AdminCredentials {
  email: string;
  password: string;
}

export const QUICK_START_ADMIN_EMAIL = 'admin@catalyst.local';

/**
 * The quick start's first programme manager, so a newcomer can sign in to every part of the
 * product without configuring anything. Only when the operator set no BOOTSTRAP_ADMIN_* and the
 * database has no user yet: a random password is generated once and kept in
 * `.data/admin-credentials.json` (mode 600); the API's own bootstrap then creates the account.
 * The production scripts never do this.
 */
export async function quickStartAdmin(
  dataRoot: string,
  databaseUrl: string,
): Promise<{ credentials: AdminCredentials; file: string; created: boolean } | undefined> {
  const file = join(dataRoot, 'admin-credentials.json');
  const kept = readKept(file);
  if (kept) return { credentials: kept, file, created: false };
  if ((await countUsers(databaseUrl)) > 0) return undefined;
  const credentials = {
    email: QUICK_START_ADMIN_EMAIL,
    password: randomBytes(15).toString('base64url'),
  };
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { credentials, file, created: true };
}

function readKept(file: string): AdminCredentials | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AdminCredentials>;
    if (typeof parsed.email === 'string' && typeof parsed.password === 'string') {
      return { email: parsed.email, password: parsed.password };
    }
  } catch {
    // An unreadable file is treated as absent; a new one is written only for an empty database.
  }
  return undefined;
}

async function countUsers(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM users');
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
