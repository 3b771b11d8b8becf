import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '../roles';

export interface InvitationMessage {
  invitationId: string;
  email: string;
  role: Role;
  organisationName: string;
  /** The plain token: it exists only in memory and in the one answer to the inviter. */
  token: string;
  expiresAt: Date;
}

/** What happened to the e-mail; recorded in the `invitation.created` audit event. */
export type InvitationDeliveryOutcome = 'queued' | 'not_sent';

/**
 * The hook for e-mailing an invitation. It runs inside the transaction that creates the
 * invitation, so a mail outbox row written through `manager` commits or rolls back with it.
 * The app binds `INVITATION_MAILER` to a real sender (notifications' e-mail); without one
 * nothing is sent and the audit trail says so.
 */
export abstract class InvitationDelivery {
  abstract deliver(
    manager: EntityManager,
    message: InvitationMessage,
  ): Promise<InvitationDeliveryOutcome>;
}

/** The port an app binds to a real sender (libs/notifications' EmailInvitationDelivery). */
export const INVITATION_MAILER = Symbol('INVITATION_MAILER');

/** No mail system is configured: nothing is sent, and it is said plainly in the log. */
@Injectable()
export class NoInvitationDelivery extends InvitationDelivery {
  private readonly logger = new Logger('InvitationDelivery');

  deliver(_manager: EntityManager, message: InvitationMessage): Promise<InvitationDeliveryOutcome> {
    this.logger.warn(
      { invitationId: message.invitationId },
      'No mail system is configured: the invitation was not e-mailed. Pass the token from the ' +
        'API answer to the invitee yourself.',
    );
    return Promise.resolve('not_sent');
  }
}
