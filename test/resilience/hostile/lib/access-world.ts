import { DEFAULT_STAGE_KEY } from '@catalyst/assessment';
import { Harness, TestUser, addMilestone, createContract, gbp } from '@catalyst/testing';

/**
 * The callers of the access matrix: each role once with a relation to the world's rows (its
 * organisation's, its programme's, its panel's) and once without, plus anonymous and an
 * instance admin.
 */
export const CALLERS = [
  'anonymous',
  'startup',
  'startupOther',
  'assessor',
  'assessorOther',
  'sponsor',
  'sponsorOther',
  'pm',
  'pmOther',
  'instanceAdmin',
] as const;
export type Caller = (typeof CALLERS)[number];

export interface AccessWorld {
  users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
  /** The id to put after `/<collection>/`, by collection; other parameters by name. */
  ids: Record<string, string>;
  company: { name: string; email: string; memberName: string };
  /** Ids only the world's related callers may ever see. */
  privateIds: string[];
}

/**
 * One of everything, all related: a startup's submitted application to a sponsor's challenge
 * (in the default programme, round in assessment, blind when asked), an assessor on its panel
 * with the assessment assigned, the company's team with that sponsor, a milestone, a contract.
 */
export async function buildAccessWorld(
  h: Harness,
  options: { blindReview?: boolean } = {},
): Promise<AccessWorld> {
  const companyName = `Culvert Sensing ${Math.random().toString(36).slice(2, 7)} Ltd`;
  const company = await h.make.organisation('startup', { name: companyName });
  const sponsorOrg = await h.make.organisation('sponsor');
  const startup = await h.make.user('startup_member', {
    organisationId: company.id,
    name: 'Ada Lovelace-Byron',
    email: `ada.${Math.random().toString(36).slice(2, 7)}@culvert.example`,
  });
  const sponsor = await h.make.sponsor(sponsorOrg.id);
  const pm = await h.make.programmeManager();
  const round = await h.make.round({
    status: 'assessment',
    opensAt: new Date('2026-11-01T09:00:00Z'),
    closesAt: new Date('2027-01-10T12:00:00Z'),
    closedAt: new Date('2027-01-10T12:00:00Z'),
    blindReview: options.blindReview ?? false,
  });
  const challenge = await h.make.challenge(round, {
    sponsorOrganisationId: sponsorOrg.id,
    status: 'closed',
  });
  const application = await h.make.application(challenge, {
    startupOrganisationId: company.id,
    answers: {
      approach: 'Sensors in culverts',
      team_size: 4,
      stage: 'prototype',
      website: 'https://culvert-sensing.example',
    },
  });
  const { assessors, assessmentIds } = await h.make.assessments(application.id, ['assigned']);
  const team = await h.make.team({
    sponsorOrganisationId: sponsorOrg.id,
    startupOrganisationId: company.id,
  });
  const milestone = await addMilestone(h, startup, team.id, { payment: gbp(10_000) });
  const contract = await createContract(h, pm, {
    buyerOrganisationId: sponsorOrg.id,
    startupOrganisationId: company.id,
    teamId: team.id,
  });

  const otherProgramme = await h.make.programme();
  const instanceAdmin = await h.make.sponsor();
  await h.ownerQuery('UPDATE users SET instance_admin = true WHERE id = $1', [instanceAdmin.id]);
  const programme = await h.make.defaultProgramme();
  return {
    users: {
      startup,
      startupOther: await h.make.startupMember(),
      assessor: assessors[0],
      assessorOther: await h.make.assessor(),
      sponsor,
      sponsorOther: await h.make.sponsor(),
      pm,
      pmOther: await h.make.programmeManager(otherProgramme.operatorOrganisationId),
      instanceAdmin,
    },
    ids: {
      rounds: round.id,
      challenges: challenge.id,
      applications: application.id,
      assessments: assessmentIds[0],
      teams: team.id,
      milestones: milestone.id,
      contracts: contract.id,
      organisations: company.id,
      programmes: programme.id,
      users: startup.id,
      organisationId: company.id,
      // The team's round: its cohort, progress and sprints have rows to leak.
      roundId: team.roundId,
      challengeId: challenge.id,
      userId: assessors[0].id,
      key: DEFAULT_STAGE_KEY,
      slug: programme.slug,
    },
    company: { name: companyName, email: startup.email, memberName: startup.name },
    privateIds: [application.id, assessmentIds[0], team.id, milestone.id, contract.id],
  };
}

/** A path with each `:param` filled from the world, or a fresh UUID when it has no such row. */
export function fillPath(path: string, world: AccessWorld, fresh: () => string): string {
  const parts = path.split('/');
  return parts
    .map((part, i) => {
      if (!part.startsWith(':')) return part;
      const name = part.slice(1);
      return (name === 'id' ? world.ids[parts[i - 1]] : world.ids[name]) ?? fresh();
    })
    .join('/');
}
