import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import {
  ARGON2_PARAMETERS,
  AccessTokenService,
  Membership,
  Organisation,
  OrganisationKind,
  Role,
  User,
} from '@catalyst/identity';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** One argon2id hash per test process: hashing per user would make factories slow. */
function hashedTestPassword(): Promise<string> {
  passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, ...ARGON2_PARAMETERS });
  return passwordHash;
}

const DEFAULT_KIND: Record<Role, OrganisationKind> = {
  programme_manager: 'operator',
  sponsor: 'sponsor',
  assessor: 'sponsor',
  startup_member: 'startup',
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  organisationId: string;
  role: Role;
  token: string;
  /** `Authorization` header value. */
  bearer: string;
}

/** Builds valid rows in one line: `await make.user('sponsor')`. */
export class Factories {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccessTokenService,
  ) {}

  async organisation(
    kind: OrganisationKind,
    overrides: Partial<Organisation> = {},
  ): Promise<Organisation> {
    const repo = this.dataSource.getRepository(Organisation);
    return repo.save(
      repo.create({
        name: `${kind} org ${unique()}`,
        kind,
        sme: kind === 'startup' ? true : null,
        ...overrides,
      }),
    );
  }

  /** A user with one membership (in `organisationId`, or a new organisation of the right kind). */
  async user(
    role: Role,
    options: { organisationId?: string; email?: string; name?: string } = {},
  ): Promise<TestUser> {
    const organisationId =
      options.organisationId ?? (await this.organisation(DEFAULT_KIND[role])).id;
    const email = (
      options.email ?? `${role.replace('_', '-')}-${unique()}@example.test`
    ).toLowerCase();
    const name = options.name ?? `Test ${role} ${unique()}`;
    const users = this.dataSource.getRepository(User);
    const user = await users.save(
      users.create({ email, name, passwordHash: await hashedTestPassword() }),
    );
    await this.dataSource
      .getRepository(Membership)
      .insert({ userId: user.id, organisationId, role });
    const { accessToken } = await this.tokens.issue(user.id);
    return {
      id: user.id,
      email,
      name,
      password: TEST_PASSWORD,
      organisationId,
      role,
      token: accessToken,
      bearer: `Bearer ${accessToken}`,
    };
  }

  /** Adds another membership to an existing user. */
  async addMembership(userId: string, organisationId: string, role: Role): Promise<void> {
    await this.dataSource.getRepository(Membership).insert({ userId, organisationId, role });
  }

  programmeManager(organisationId?: string) {
    return this.user('programme_manager', { organisationId });
  }

  sponsor(organisationId?: string) {
    return this.user('sponsor', { organisationId });
  }

  assessor(organisationId?: string) {
    return this.user('assessor', { organisationId });
  }

  startupMember(organisationId?: string) {
    return this.user('startup_member', { organisationId });
  }
}
