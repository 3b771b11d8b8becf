import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, NotFoundError, ValidationFailedError } from '@catalyst/common';
import { PasswordHasher } from '../auth/password-hasher.service';
import { assertPasswordAcceptable } from '../auth/password-policy';
import { hashSecretToken } from '../auth/secret-token';
import { acceptanceProblems } from './accept-invitation.rules';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { OrganisationPolicy } from '../policy/organisation.policy';
import type { AcceptedInvitationDto, AcceptInvitationDto } from './accept-invitation.dto';
import { invitationMachine, invitationStatus } from './invitation.state-machine';
import {
  AlreadyMemberError,
  InvitationAlreadyUsedError,
  InvitationExpiredError,
  InvitationRevokedError,
} from './invitation.errors';

/**
 * Accepting an invitation. The token proves the invitee reads the invited mailbox. When that
 * e-mail address has no account, one is created from `name` and `password`; when it has one,
 * `password` must be that account's password, and the membership is added to it (an
 * invitation never lets anyone take over an existing account).
 */
@Injectable()
export class AcceptInvitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async accept(
    token: string,
    input: AcceptInvitationDto,
    correlationId?: string,
  ): Promise<AcceptedInvitationDto> {
    const tokenHash = hashSecretToken(token);
    const found = await this.dataSource.getRepository(Invitation).findOneBy({ tokenHash });
    if (!found) throw new NotFoundError('Invitation');
    this.assertAcceptable(found);

    // The slow password work happens before any row is locked.
    const existing = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: found.email })
      .getOne();
    const problems = acceptanceProblems(input);
    if (problems.length) {
      throw new ValidationFailedError(
        `The acceptance has ${problems.length} invalid field${problems.length === 1 ? '' : 's'}.`,
        problems,
      );
    }
    let newPasswordHash: string | undefined;
    if (existing) {
      const valid = await this.passwords.verify(existing.passwordHash, input.password);
      if (!valid || existing.disabledAt) throw notAccepted();
    } else {
      if (!input.name) throw notAccepted();
      assertPasswordAcceptable(input.password, { email: found.email, name: input.name });
      newPasswordHash = await this.passwords.hash(input.password);
    }

    return this.dataSource.transaction(async (manager) => {
      // The row lock makes a token single-use even when two requests race with it.
      const invitation = await manager.getRepository(Invitation).findOne({
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new NotFoundError('Invitation');
      this.assertAcceptable(invitation);
      const now = this.clock.now();
      const organisation = await manager.findOneByOrFail(Organisation, {
        id: invitation.organisationId,
      });
      const operatorOrganisationId = OrganisationPolicy.auditOperatorOf(organisation);

      const userId =
        existing?.id ??
        (await this.createUser(manager, invitation, input, newPasswordHash, {
          correlationId,
          operatorOrganisationId,
        }));
      const actor = { userId, correlationId };
      const duplicate = await manager.existsBy(Membership, {
        userId,
        organisationId: invitation.organisationId,
        role: invitation.role,
      });
      if (duplicate) {
        throw new AlreadyMemberError(invitation.email, invitation.role);
      }
      const membership = await manager.save(
        manager.create(Membership, {
          userId,
          organisationId: invitation.organisationId,
          role: invitation.role,
        }),
      );
      await manager.update(
        Invitation,
        { id: invitation.id },
        { acceptedAt: now, acceptedByUserId: userId },
      );
      await this.audit.record(manager, {
        actor,
        action: 'membership.added',
        entityType: 'membership',
        entityId: membership.id,
        operatorOrganisationId,
        data: {
          userId,
          organisationId: invitation.organisationId,
          role: invitation.role,
          invitationId: invitation.id,
        },
      });
      await this.audit.record(manager, {
        actor,
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: invitation.id,
        operatorOrganisationId,
        from: 'pending',
        to: 'accepted',
        data: { userId, accountCreated: !existing },
      });
      return {
        userId,
        email: invitation.email,
        accountCreated: !existing,
        membership: {
          organisationId: organisation.id,
          organisationKind: organisation.kind,
          organisationName: organisation.name,
          role: invitation.role,
        },
      };
    });
  }

  /** 409 once accepted or revoked (single use), 422 once expired. */
  private assertAcceptable(invitation: Invitation): void {
    const status = invitationStatus(invitation, this.clock.now());
    if (status === 'expired') {
      throw new InvitationExpiredError(invitation.expiresAt);
    }
    if (status === 'accepted') throw new InvitationAlreadyUsedError();
    if (status === 'revoked') throw new InvitationRevokedError();
    invitationMachine.check({ from: status, to: 'accepted', actors: ['invitee'] });
  }

  private async createUser(
    manager: EntityManager,
    invitation: Invitation,
    input: AcceptInvitationDto,
    passwordHash: string | undefined,
    audit: { correlationId?: string; operatorOrganisationId: string | null },
  ): Promise<string> {
    const user = await manager.save(
      manager.create(User, {
        email: invitation.email,
        name: input.name as string,
        passwordHash: passwordHash as string,
      }),
    );
    await this.audit.record(manager, {
      actor: { userId: user.id, correlationId: audit.correlationId },
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      // An account made by joining an operator is that operator's staff, not everyone's business.
      operatorOrganisationId: audit.operatorOrganisationId,
      data: { email: user.email, via: 'invitation', invitationId: invitation.id },
    });
    return user.id;
  }
}

/**
 * One answer for "wrong password for the existing account" (or a disabled one) and "no name
 * for a new account", so the reply does not tell whether the invited address has an account.
 */
function notAccepted(): ValidationFailedError {
  return new ValidationFailedError(
    'The invitation could not be accepted with these details. A new account needs a name and a ' +
      'password; an address that already has an account needs that account’s password.',
    [
      { field: 'name', message: 'is required when the invitation creates the account' },
      { field: 'password', message: 'must be the account’s password when the address has one' },
    ],
    'invitation.not_accepted',
  );
}
