import { Client } from 'pg';
import {
  Harness,
  TestUser,
  acceleratorTeam,
  addMilestone,
  createContract,
  gbp,
} from '@catalyst/testing';

/**
 * What the fuzzers aim at: one user who holds every role (so each request passes the route's
 * role check and reaches validation and the domain), and real rows of each kind, so that a path
 * parameter can name something that exists and the handler runs past its lookup.
 */
export interface FuzzWorld {
  user: TestUser;
  /** The id to put after `/<collection>/` in a path, by collection. */
  ids: Record<string, string>;
  organisationId: string;
}

export async function buildFuzzWorld(h: Harness): Promise<FuzzWorld> {
  const sponsorOrg = await h.make.organisation('sponsor');
  const pm = await h.make.programmeManager();
  const { team, member } = await acceleratorTeam(h, {
    sponsorOrganisationId: sponsorOrg.id,
    pm,
  });
  const user = await h.make.programmeManager();
  await h.make.addMembership(user.id, sponsorOrg.id, 'sponsor');
  await h.make.addMembership(user.id, team.startupOrganisationId, 'startup_member');
  await h.ownerQuery('UPDATE users SET instance_admin = true WHERE id = $1', [user.id]);

  const round = await h.make.round({ status: 'open' });
  const challenge = await h.make.challenge(round, { sponsorOrganisationId: sponsorOrg.id });
  const application = await h.make.application(challenge, {
    startupOrganisationId: team.startupOrganisationId,
    status: 'draft',
    submittedAt: null,
  });
  const { assessmentIds } = await h.make.assessments(application.id, ['assigned']);
  const milestone = await addMilestone(h, member, team.id, { payment: gbp(10_000) });
  const contract = await createContract(h, pm, {
    buyerOrganisationId: sponsorOrg.id,
    startupOrganisationId: team.startupOrganisationId,
    teamId: team.id,
  });
  const programme = await h.make.defaultProgramme();
  return {
    user,
    organisationId: team.startupOrganisationId,
    ids: {
      rounds: round.id,
      challenges: challenge.id,
      applications: application.id,
      assessments: assessmentIds[0],
      teams: team.id,
      milestones: milestone.id,
      contracts: contract.id,
      organisations: team.startupOrganisationId,
      programmes: programme.id,
      users: user.id,
    },
  };
}

/**
 * Row counts of every table, through one owner connection (the app's role may not read every
 * table), so a refused request can be shown to have written nothing.
 */
export class RowCounter {
  private client!: Client;
  private sql!: string;

  /** Tables a refused request writes by design: the sign-in throttle's counters. */
  static readonly WRITTEN_ON_REFUSAL = new Set(['throttle_counters']);

  constructor(private readonly h: Harness) {}

  async start(): Promise<void> {
    this.client = new Client({ connectionString: this.h.db.url });
    await this.client.connect();
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const tables = rows.map((r) => r.name).filter((t) => !RowCounter.WRITTEN_ON_REFUSAL.has(t));
    this.sql = tables
      .map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`)
      .join(' UNION ALL ');
  }

  async counts(): Promise<Map<string, number>> {
    const { rows } = await this.client.query<{ t: string; n: number }>(this.sql);
    return new Map(rows.map((r) => [r.t, r.n]));
  }

  /** The tables whose counts differ, as `table: before → after`. */
  static changed(before: Map<string, number>, after: Map<string, number>): string[] {
    const out: string[] = [];
    for (const [t, n] of after) if (before.get(t) !== n) out.push(`${t}: ${before.get(t)} → ${n}`);
    return out;
  }

  async stop(): Promise<void> {
    await this.client?.end();
  }
}
