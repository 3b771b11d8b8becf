import { Harness, TestUser } from '@catalyst/testing';

const PASSWORD = 'a long enough passphrase';

/**
 * The API's own log lines are captured here (pino writes to process.stdout when its `write` is
 * replaced before the logger is built) and searched for secrets: password hashes, invitation tokens. Logs end up in shared systems
 * that many people read; a secret there is a secret leaked.
 */
describe('secrets never reach the log', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: 'info' } });
  let pm: TestUser;
  let lines: string[] = [];
  let write: jest.SpiedFunction<typeof process.stdout.write>;

  beforeAll(async () => {
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await h.teardown();
    write.mockRestore();
  });
  beforeEach(() => {
    lines = [];
  });

  it('logs an unexpected database failure without the query parameters (a password hash)', async () => {
    // An unexpected failure while inserting a user row, whose parameters hold the argon2 hash.
    await h.ownerQuery(`
      CREATE FUNCTION refuse_user() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'simulated outage'; END $$;
      CREATE TRIGGER refuse_user BEFORE INSERT ON users FOR EACH ROW
        WHEN (NEW.name = 'Trigger Failure') EXECUTE FUNCTION refuse_user();`);
    const res = await h
      .http()
      .post('/api/v1/auth/register')
      .set('x-correlation-id', 'outage-1')
      .send({
        email: 'outage@example.org',
        password: PASSWORD,
        name: 'Trigger Failure',
        organisationName: 'Outage Ltd',
      })
      .expect(500);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|simulated|INSERT/);

    const errorLine = lines.find((l) => l.includes('simulated outage'));
    expect(errorLine).toBeDefined(); // the cause is logged, for the operator
    expect(errorLine).toContain('outage-1');
    const all = lines.join('\n');
    expect(all).not.toContain('$argon2');
    expect(all).not.toContain(PASSWORD);
  });

  it('logs the accept-invitation request without the invitation token', async () => {
    const organisationId = (await h.make.organisation('sponsor')).id;
    const { body } = await h
      .http()
      .post(`/api/v1/organisations/${organisationId}/invitations`)
      .set('authorization', pm.bearer)
      .send({ email: 'logged@example.org', role: 'assessor' })
      .expect(201);
    await h
      .http()
      .post(`/api/v1/invitations/${body.token}/accept`)
      .send({ name: 'Logged Person', password: PASSWORD })
      .expect(201);

    const requestLine = lines.find((l) => l.includes('/accept'));
    expect(requestLine).toBeDefined();
    expect(lines.join('\n')).not.toContain(body.token);
  });
});
