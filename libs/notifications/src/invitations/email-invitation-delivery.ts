import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';
import {
  InvitationDelivery,
  NoInvitationDelivery,
  type InvitationDeliveryOutcome,
  type InvitationMessage,
} from '@catalyst/identity';
import { DeliveryService } from '../delivery/delivery.service';
import { longDate } from '../rules/routed-event';

/**
 * Invitations by e-mail, once SMTP_URL is set: the message is recorded as a pending delivery
 * in the invitation's own transaction (so a rolled-back invitation mails nobody), and the
 * worker sends it when it routes the `invitation.created` event. The token sits in the
 * delivery row only until the e-mail is sent, then it is blanked. Without SMTP_URL nothing is
 * sent and the audit trail says so (as before).
 */
@Injectable()
export class EmailInvitationDelivery extends InvitationDelivery {
  private readonly none = new NoInvitationDelivery();

  constructor(
    private readonly deliveries: DeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async deliver(
    manager: EntityManager,
    message: InvitationMessage,
  ): Promise<InvitationDeliveryOutcome> {
    if (!this.config.smtpUrl) return this.none.deliver(manager, message);
    const role = message.role.replace(/_/g, ' ');
    await this.deliveries.record(manager, [
      {
        rule: 'invitation',
        subject: `invitation:${message.invitationId}`,
        occasion: 'created',
        essential: true,
        emailOnly: true,
        secret: true,
        recipients: [{ userId: null, email: message.email, name: null }],
        message: {
          title: `You are invited to join ${message.organisationName} on Catalyst`,
          paragraphs: [
            `You have been invited to join ${message.organisationName} on Catalyst as ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}.`,
            `The invitation is personal and works once, until ${longDate(message.expiresAt.toISOString().slice(0, 10))}. If you were not expecting it, you can ignore this e-mail.`,
          ],
          link: {
            path: `/invitations/${message.token}`,
            label: 'Accept the invitation',
          },
        },
      },
    ]);
    return 'queued';
  }
}
