import { Inject, Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  Page,
  TransitionDefinition,
  mapPage,
  paginate,
  runTransition,
} from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { Invitation } from '../entities/invitation.entity';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed } from '../policy/visibility';
import { ROLES_BY_KIND } from '../roles';
import type { CreateInvitationDto } from './create-invitation.dto';
import { InvitationDelivery } from './invitation-delivery';
import {
  type InvitationActor,
  type InvitationStatus,
  invitationMachine,
  invitationStatus,
} from './invitation.state-machine';
import type { InvitationTransitionDto } from './invitation-transition.dto';
import { InvitationCreatedDto, InvitationDto, type TokenDelivery } from './invitation.view';
import type { ListInvitationsQueryDto } from './list-invitations.query';
import { AlreadyMemberError, InvitationRoleUnfitError } from './invitation.errors';

export const INVITATION_TTL_DAYS = 7;

const INVITERS_ONLY =
  'Only programme managers, sponsors for their own organisation and a company’s members for ' +
  'their own company manage invitations.';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Creating, listing and revoking invitations (accepting is AcceptInvitationService). */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly delivery: InvitationDelivery,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.definition = {
      machine: invitationMachine,
      label: 'Invitation',
      load: async (manager, id) => {
        const invitation = await manager.getRepository(Invitation).findOne({
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        const organisation = invitation
          ? await manager.findOneBy(Organisation, { id: invitation.organisationId })
          : null;
        return invitation && organisation ? { invitation, organisation } : null;
      },
      visible: (actor, { organisation }) =>
        OrganisationPolicy.canManageInvitations(actor, organisation),
      operatorOrganisationOf: ({ organisation }) =>
        OrganisationPolicy.auditOperatorOf(organisation),
      actors: () => ['inviter'],
      status: ({ invitation }) => invitationStatus(invitation, this.clock.now()),
      version: ({ invitation }) => invitation.version,
      apply: async ({ manager, entity: { invitation } }) => {
        await manager.update(Invitation, { id: invitation.id }, { revokedAt: this.clock.now() });
      },
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  private readonly definition: TransitionDefinition<
    { invitation: Invitation; organisation: Organisation },
    InvitationStatus,
    InvitationActor,
    Actor
  >;

  async create(
    actor: Actor,
    organisationId: string,
    input: CreateInvitationDto,
  ): Promise<InvitationCreatedDto> {
    const organisation = await this.inviteeOrganisation(actor, organisationId);
    const fitting = ROLES_BY_KIND[organisation.kind];
    if (!fitting.includes(input.role)) {
      throw new InvitationRoleUnfitError(organisation.kind, fitting, input.role);
    }
    const already: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE u.email = $1 AND m.organisation_id = $2 AND m.role = $3`,
      [input.email, organisation.id, input.role],
    );
    if (already.length) {
      throw new AlreadyMemberError(input.email, input.role);
    }

    const token = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + INVITATION_TTL_DAYS * DAY_MS);
    const id = await this.dataSource.transaction(async (manager) => {
      const invitation = await manager.save(
        manager.create(Invitation, {
          organisationId: organisation.id,
          email: input.email,
          role: input.role,
          tokenHash: hashSecretToken(token),
          expiresAt,
          invitedByUserId: actor.userId,
        }),
      );
      const delivery = await this.delivery.deliver(manager, {
        invitationId: invitation.id,
        email: invitation.email,
        role: invitation.role,
        organisationName: organisation.name,
        token,
        expiresAt,
      });
      await this.audit.record(manager, {
        actor,
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: invitation.id,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(organisation),
        to: 'pending',
        data: {
          organisationId: organisation.id,
          email: invitation.email,
          role: invitation.role,
          expiresAt: expiresAt.toISOString(),
          delivery,
        },
      });
      return invitation.id;
    });
    const expiry = expiresAt.toISOString();
    if (tokenDeliveryOf(this.config) === 'email') {
      return {
        id,
        tokenDelivery: 'email',
        tokenDeliveryNote: 'The token was sent to the invitee by e-mail only.',
        expiresAt: expiry,
      };
    }
    return {
      id,
      tokenDelivery: 'response',
      token,
      tokenDeliveryNote:
        this.config.nodeEnv === 'production'
          ? 'No mail is configured (SMTP_URL): pass the token to the invitee yourself.'
          : `The API runs in ${this.config.nodeEnv}: the token is in this answer; pass it on.`,
      expiresAt: expiry,
    };
  }

  async list(
    actor: Actor,
    organisationId: string,
    query: ListInvitationsQueryDto,
  ): Promise<Page<InvitationDto>> {
    const organisation = await this.inviteeOrganisation(actor, organisationId);
    const now = this.clock.now();
    const qb = this.dataSource
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.organisationId = :organisationId', { organisationId: organisation.id });
    if (query.status) whereStatus(qb, query.status, now);
    const page = await paginate(qb, {
      alias: 'i',
      sortBy: 'email',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (i) => InvitationDto.from(i, now));
  }

  /** Revoking is the inviter's one transition; an invitation they may not manage is 404. */
  async transition(
    actor: Actor,
    invitationId: string,
    input: InvitationTransitionDto,
    expectedVersion: number | undefined,
  ): Promise<InvitationDto> {
    await this.dataSource.transaction((manager) =>
      runTransition(this.definition, manager, actor, invitationId, input, expectedVersion),
    );
    const updated = await this.dataSource.getRepository(Invitation).findOneByOrFail({
      id: invitationId,
    });
    return InvitationDto.from(updated, this.clock.now());
  }

  /** The organisation when the caller may see it (else 404) and invite into it (else 403). */
  private async inviteeOrganisation(actor: Actor, organisationId: string): Promise<Organisation> {
    // Who may ever invite (programme managers, sponsors, instance administrators) before
    // which organisation: anyone else is refused whatever organisation they name.
    assertAllowed(
      actor.isProgrammeManager ||
        actor.hasRole('sponsor') ||
        actor.isInstanceAdmin ||
        actor.hasRole('startup_member', organisationId),
      INVITERS_ONLY,
    );
    const organisation = await this.organisations.findVisible(actor, organisationId);
    assertAllowed(OrganisationPolicy.canManageInvitations(actor, organisation), INVITERS_ONLY);
    return organisation;
  }
}

/**
 * Whether a secret meant for someone else (an invitee, a password owner) may appear in the API
 * answer: only in development and test, or while no mail is configured at all.
 */
export function tokenDeliveryOf(config: Pick<AppConfig, 'nodeEnv' | 'smtpUrl'>): TokenDelivery {
  return config.nodeEnv === 'production' && config.smtpUrl ? 'email' : 'response';
}

function whereStatus(qb: SelectQueryBuilder<Invitation>, status: InvitationStatus, now: Date) {
  switch (status) {
    case 'accepted':
      return qb.andWhere('i.acceptedAt IS NOT NULL');
    case 'revoked':
      return qb.andWhere('i.revokedAt IS NOT NULL');
    case 'pending':
      return qb.andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > :now', {
        now,
      });
    case 'expired':
      return qb.andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt <= :now', {
        now,
      });
  }
}
