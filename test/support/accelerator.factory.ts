import type { MilestoneStatus, MilestoneView } from '@catalyst/accelerator';
import type { Team } from '@catalyst/applications';
import { expectStatus } from './expect-status';
import type { TestUser } from './factories';
import type { Harness } from './harness';

/**
 * The accelerator through the real API (every rule and audit event applies):
 *
 *   const { team, member, sponsor, pm } = await acceleratorTeam(h);
 *   const m = await addMilestone(h, member, team.id, { payment: gbp(500_000) });
 *   await agreePlan(h, member, sponsor, team.id);
 *   await moveMilestone(h, member, m.id, 'submitted', { evidenceUrls: ['https://…'] });
 */

export interface AcceleratorTeam {
  team: Team;
  /** A member of the team's company. */
  member: TestUser;
  /** A member of the team's sponsor organisation. */
  sponsor: TestUser;
  pm: TestUser;
}

export const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

/** A team (h.make.team) with a company member, a sponsor member and a programme manager. */
export async function acceleratorTeam(
  h: Harness,
  options: Parameters<Harness['make']['team']>[0] & { pm?: TestUser } = {},
): Promise<AcceleratorTeam> {
  const { pm: givenPm, ...teamOptions } = options;
  const sponsorOrganisationId =
    teamOptions.sponsorOrganisationId ?? (await h.make.organisation('sponsor')).id;
  const team = await h.make.team({ ...teamOptions, sponsorOrganisationId });
  const member = await h.make.startupMember(team.startupOrganisationId);
  const sponsor = await h.make.sponsor(sponsorOrganisationId);
  const pm = givenPm ?? (await h.make.programmeManager());
  return { team, member, sponsor, pm };
}

export async function addMilestone(
  h: Harness,
  user: TestUser,
  teamId: string,
  body: Record<string, unknown> = {},
): Promise<MilestoneView> {
  const res = await h
    .http()
    .post(`/api/v1/teams/${teamId}/milestones`)
    .set('authorization', user.bearer)
    .send({ title: 'Pilot in three culverts', dueOn: '2027-05-14', ...body });
  return expectStatus(res, 201).body as MilestoneView;
}

export async function movePlan(
  h: Harness,
  user: TestUser,
  teamId: string,
  to: 'proposed' | 'agreed' | 'reopened',
  reason?: string,
) {
  const res = await h
    .http()
    .post(`/api/v1/teams/${teamId}/plan/transitions`)
    .set('authorization', user.bearer)
    .send(reason ? { to, reason } : { to });
  return expectStatus(res, 200).body as { status: string; version: number };
}

/** The team proposes its plan, the sponsor agrees it. */
export async function agreePlan(h: Harness, team: TestUser, sponsor: TestUser, teamId: string) {
  await movePlan(h, team, teamId, 'proposed');
  return movePlan(h, sponsor, teamId, 'agreed');
}

export async function moveMilestone(
  h: Harness,
  user: TestUser,
  milestoneId: string,
  to: MilestoneStatus,
  extra: Record<string, unknown> = {},
): Promise<MilestoneView> {
  const res = await h
    .http()
    .post(`/api/v1/milestones/${milestoneId}/transitions`)
    .set('authorization', user.bearer)
    .send({ to, ...extra });
  return expectStatus(res, 200).body as MilestoneView;
}

export const EVIDENCE = { evidenceUrls: ['https://example.org/pilot-report'] };

/** Walks a milestone of an agreed plan to `accepted`: the team submits, the sponsor accepts. */
export async function acceptMilestone(
  h: Harness,
  member: TestUser,
  sponsor: TestUser,
  milestoneId: string,
): Promise<MilestoneView> {
  await moveMilestone(h, member, milestoneId, 'submitted', EVIDENCE);
  return moveMilestone(h, sponsor, milestoneId, 'accepted');
}
