import type { EntityManager } from 'typeorm';
import type { Recipient } from './message';

/** The members of organisations holding a role there (the people an organisation is). */
export async function membersOf(
  manager: EntityManager,
  organisationIds: readonly string[],
  role: string,
): Promise<Recipient[]> {
  if (organisationIds.length === 0) return [];
  const rows: { id: string; email: string; name: string }[] = await manager.query(
    `SELECT DISTINCT u.id, u.email, u.name
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.organisation_id = ANY($1::uuid[]) AND m.role = $2 AND u.disabled_at IS NULL
      ORDER BY u.id`,
    [organisationIds, role],
  );
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name }));
}

export async function user(manager: EntityManager, userId: string): Promise<Recipient[]> {
  const rows: { id: string; email: string; name: string }[] = await manager.query(
    'SELECT id, email, name FROM users WHERE id = $1 AND disabled_at IS NULL',
    [userId],
  );
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name }));
}

/** The administrators of an organisation's own account (who manage its webhooks). */
export async function organisationAdmins(
  manager: EntityManager,
  organisationId: string,
): Promise<Recipient[]> {
  const [org]: { kind: string }[] = await manager.query(
    'SELECT kind FROM organisations WHERE id = $1',
    [organisationId],
  );
  if (!org) return [];
  return membersOf(manager, [organisationId], ADMIN_ROLE[org.kind] ?? 'none');
}

/** Who administers each kind of organisation's own account (as OrganisationPolicy.canEdit). */
export const ADMIN_ROLE: Record<string, string> = {
  operator: 'programme_manager',
  sponsor: 'sponsor',
  startup: 'startup_member',
};

export interface ApplicationRow {
  id: string;
  status: string;
  startup_organisation_id: string;
  company: string;
  challenge_title: string;
  round_id: string;
  round_name: string;
  timezone: string;
}

export async function applicationRow(
  manager: EntityManager,
  applicationId: string,
): Promise<ApplicationRow | undefined> {
  const rows: ApplicationRow[] = await manager.query(
    `SELECT a.id, a.status, a.startup_organisation_id, o.name AS company, c.title AS challenge_title,
            r.id AS round_id, r.name AS round_name, r.timezone
       FROM applications a
       JOIN challenges c ON c.id = a.challenge_id
       JOIN rounds r ON r.id = a.round_id
       JOIN organisations o ON o.id = a.startup_organisation_id
      WHERE a.id = $1`,
    [applicationId],
  );
  return rows[0];
}

export interface MilestoneRow {
  id: string;
  title: string;
  status: string;
  due_on: string;
  team_id: string;
  startup_organisation_id: string;
  sponsor_organisation_id: string;
  company: string;
  challenge_title: string;
  changes_requested_reason: string | null;
}

export async function milestoneRow(
  manager: EntityManager,
  milestoneId: string,
): Promise<MilestoneRow | undefined> {
  const rows: MilestoneRow[] = await manager.query(
    `SELECT m.id, m.title, m.status, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, t.id AS team_id,
            t.startup_organisation_id, t.sponsor_organisation_id, o.name AS company,
            c.title AS challenge_title, m.changes_requested_reason
       FROM milestones m
       JOIN teams t ON t.id = m.team_id
       JOIN organisations o ON o.id = t.startup_organisation_id
       JOIN challenges c ON c.id = t.challenge_id
      WHERE m.id = $1`,
    [milestoneId],
  );
  return rows[0];
}

/** The programme managers of a programme: its operator's members in that role. */
export async function programmeManagersOf(
  manager: EntityManager,
  programmeIds: readonly string[],
): Promise<Recipient[]> {
  if (programmeIds.length === 0) return [];
  const operators: { operator_organisation_id: string }[] = await manager.query(
    'SELECT DISTINCT operator_organisation_id FROM programmes WHERE id = ANY($1::uuid[])',
    [programmeIds],
  );
  return membersOf(
    manager,
    operators.map((o) => o.operator_organisation_id),
    'programme_manager',
  );
}

export interface ContractRow {
  id: string;
  title: string;
  reference: string;
  programme_id: string;
  buyer_organisation_id: string;
  startup_organisation_id: string;
  buyer: string;
  company: string;
  starts_on: string;
}

export async function contractRow(
  manager: EntityManager,
  contractId: string,
): Promise<ContractRow | undefined> {
  const rows: ContractRow[] = await manager.query(
    `SELECT c.id, c.title, c.reference, c.programme_id, c.buyer_organisation_id,
            c.startup_organisation_id, b.name AS buyer, s.name AS company,
            to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on
       FROM contracts c
       JOIN organisations b ON b.id = c.buyer_organisation_id
       JOIN organisations s ON s.id = c.startup_organisation_id
      WHERE c.id = $1`,
    [contractId],
  );
  return rows[0];
}
