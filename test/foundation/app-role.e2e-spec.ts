import { AuditService } from '@catalyst/audit';
import { TEST_APP_ROLE } from '@catalyst/database/testing/test-database';
import { Harness } from '@catalyst/testing';

/**
 * The API runs as the app's restricted role (as in production), so the audit trail's
 * append-only guarantee does not rest on a trigger its owner could switch off.
 */
describe("the app's database role", () => {
  const h = new Harness();
  let id: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    const user = await h.make.programmeManager();
    await h.dataSource().transaction((manager) =>
      h.api!.get(AuditService).record(manager, {
        actor: { userId: user.id, correlationId: 'role-test' },
        action: 'thing.created',
        entityType: 'thing',
        entityId: 'role-test',
      }),
    );
    [{ id }] = await h
      .dataSource()
      .query("SELECT id FROM audit_events WHERE entity_id = 'role-test'");
  });
  afterAll(() => h.teardown());

  const query = (sql: string, params: unknown[] = []) => h.dataSource().query(sql, params);
  const denied = { code: '42501' }; // insufficient_privilege

  it('is the role the API connects as, and owns nothing', async () => {
    expect(await query('SELECT current_user AS role')).toEqual([{ role: TEST_APP_ROLE }]);
    const owned = await query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user`,
    );
    expect(owned).toEqual([]);
  });

  it('appends to and reads the audit trail', async () => {
    await query(
      `INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('thing.noted', 'thing', 'role-test')`,
    );
    const rows = await query(
      "SELECT action FROM audit_events WHERE entity_id = 'role-test' ORDER BY at, action",
    );
    expect(rows.map((r: { action: string }) => r.action).sort()).toEqual([
      'thing.created',
      'thing.noted',
    ]);
  });

  it('cannot UPDATE an audit row', async () => {
    await expect(
      query("UPDATE audit_events SET action = 'forged' WHERE id = $1", [id]),
    ).rejects.toMatchObject(denied);
  });

  it('cannot DELETE an audit row', async () => {
    await expect(query('DELETE FROM audit_events WHERE id = $1', [id])).rejects.toMatchObject(
      denied,
    );
  });

  it('cannot TRUNCATE the audit trail', async () => {
    await expect(query('TRUNCATE audit_events')).rejects.toMatchObject(denied);
  });

  it('cannot disable the append-only trigger', async () => {
    await expect(query('ALTER TABLE audit_events DISABLE TRIGGER USER')).rejects.toMatchObject(
      denied,
    );
    await expect(
      query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete'),
    ).rejects.toMatchObject(denied);
  });

  it('cannot switch triggers off with session_replication_role', async () => {
    await expect(query('SET session_replication_role = replica')).rejects.toMatchObject(denied);
  });

  it('cannot change the schema', async () => {
    await expect(query('CREATE TABLE public.sneaky (x int)')).rejects.toMatchObject(denied);
    await expect(query('ALTER TABLE users ADD COLUMN sneaky int')).rejects.toMatchObject(denied);
    await expect(query('DROP TABLE users')).rejects.toMatchObject(denied);
    await expect(
      query(`INSERT INTO schema_migrations (timestamp, name) VALUES (1, 'x')`),
    ).rejects.toMatchObject(denied);
  });

  it('leaves the audit row as it was', async () => {
    expect(await h.ownerQuery('SELECT action FROM audit_events WHERE id = $1', [id])).toEqual([
      { action: 'thing.created' },
    ]);
  });

  it('changes the other tables freely', async () => {
    const [{ id: orgId }] = await query(
      `INSERT INTO organisations (name, kind, version) VALUES ('Role Ltd', 'startup', 1) RETURNING id`,
    );
    await query(`UPDATE organisations SET name = 'Role Limited' WHERE id = $1`, [orgId]);
    await query(`DELETE FROM organisations WHERE id = $1`, [orgId]);
  });

  it('gets the same rights on a table a later migration creates (default privileges)', async () => {
    // As a later migration would: created by the owner after the grants were made.
    await h.ownerQuery('CREATE TABLE later_things (id serial PRIMARY KEY, note text)');
    await query(`INSERT INTO later_things (note) VALUES ('hello')`);
    await query(`UPDATE later_things SET note = 'bye'`);
    expect(await query('SELECT note FROM later_things')).toEqual([{ note: 'bye' }]);
    await expect(query('DROP TABLE later_things')).rejects.toMatchObject(denied);
  });
});
