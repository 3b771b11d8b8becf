import type { EntityManager } from 'typeorm';
import { AcceleratorPolicy } from '@catalyst/accelerator';
import { ApplicationPolicy, type ApplicationFacts } from '@catalyst/applications';
import { ContractPolicy, type ContractFacts } from '@catalyst/contracts';
import { Actor, type OrganisationKind, type Role } from '@catalyst/identity';
import { ADMIN_ROLE } from '../rules/audiences';

interface OrganisationRow {
  id: string;
  kind: OrganisationKind;
  programme_ids: string[];
}

/**
 * The organisation as a caller: one membership in its administrators' role (with the
 * programmes an operator runs). A receiver gets an event only when this caller may see its
 * subject, decided by the same policy the API uses for that subject, programme scope included.
 */
export async function organisationAsActor(
  manager: EntityManager,
  organisationId: string,
): Promise<Actor | null> {
  const [org]: OrganisationRow[] = await manager.query(
    `SELECT o.id, o.kind,
            ARRAY(SELECT p.id FROM programmes p WHERE p.operator_organisation_id = o.id ORDER BY p.id)
              AS programme_ids
       FROM organisations o WHERE o.id = $1`,
    [organisationId],
  );
  if (!org) return null;
  const role = ADMIN_ROLE[org.kind] as Role;
  return new Actor(`organisation:${org.id}`, '', '', [
    {
      organisationId: org.id,
      organisationKind: org.kind,
      role,
      ...(org.kind === 'operator' ? { programmeIds: org.programme_ids } : {}),
    },
  ]);
}

const applications = new ApplicationPolicy();
const accelerator = new AcceleratorPolicy();
const contracts = new ContractPolicy();

/** Decides, for one event's subject, which callers may see it; null when the subject is gone. */
export type SubjectVisibility = (actor: Actor) => boolean;

export async function visibilityOf(
  manager: EntityManager,
  entityType: string,
  entityId: string,
): Promise<SubjectVisibility | null> {
  if (entityType === 'application') {
    const [a]: {
      programme_id: string;
      startup_organisation_id: string;
      sponsor_organisation_id: string;
      status: ApplicationFacts['status'];
      submitted_at: Date | null;
      blind_review: boolean;
    }[] = await manager.query(
      `SELECT a.programme_id, a.startup_organisation_id, c.sponsor_organisation_id, a.status,
              a.submitted_at, r.blind_review
         FROM applications a JOIN challenges c ON c.id = a.challenge_id
         JOIN rounds r ON r.id = a.round_id
        WHERE a.id = $1`,
      [entityId],
    );
    if (!a) return null;
    const facts: ApplicationFacts = {
      programmeId: a.programme_id,
      startupOrganisationId: a.startup_organisation_id,
      sponsorOrganisationId: a.sponsor_organisation_id,
      status: a.status,
      submittedAt: a.submitted_at,
      blindReview: a.blind_review,
    };
    return (actor) => applications.canView(actor, facts);
  }
  if (entityType === 'milestone') {
    const [t]: {
      round_id: string;
      programme_id: string;
      startup_organisation_id: string;
      sponsor_organisation_id: string;
    }[] = await manager.query(
      `SELECT t.round_id, t.programme_id, t.startup_organisation_id, t.sponsor_organisation_id
         FROM milestones m JOIN teams t ON t.id = m.team_id WHERE m.id = $1`,
      [entityId],
    );
    if (!t) return null;
    const team = {
      round: { id: t.round_id, programmeId: t.programme_id },
      startupOrganisationId: t.startup_organisation_id,
      sponsorOrganisationId: t.sponsor_organisation_id,
    };
    return (actor) => accelerator.canSeeTeam(actor, team);
  }
  if (entityType === 'contract' || entityType === 'contract_payment') {
    // A payment is seen by whoever may see its contract (ContractPolicy: the buyer, the
    // startup, the original sponsor, the managers of the contract's programme).
    const [c]: {
      programme_id: string;
      buyer_organisation_id: string;
      startup_organisation_id: string;
      sponsor_organisation_id: string | null;
    }[] = await manager.query(
      entityType === 'contract'
        ? `SELECT programme_id, buyer_organisation_id, startup_organisation_id, sponsor_organisation_id
             FROM contracts WHERE id = $1`
        : `SELECT c.programme_id, c.buyer_organisation_id, c.startup_organisation_id,
                  c.sponsor_organisation_id
             FROM contract_payments p JOIN contracts c ON c.id = p.contract_id WHERE p.id = $1`,
      [entityId],
    );
    if (!c) return null;
    const facts: ContractFacts = {
      programmeId: c.programme_id,
      buyerOrganisationId: c.buyer_organisation_id,
      startupOrganisationId: c.startup_organisation_id,
      sponsorOrganisationId: c.sponsor_organisation_id,
    };
    return (actor) => contracts.canSee(actor, facts);
  }
  // An entity no rule here knows: nobody receives it.
  return null;
}
