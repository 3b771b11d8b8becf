import { Injectable } from '@nestjs/common';
import { Actor, OrganisationPolicy, type OrganisationRef } from '@catalyst/identity';

/**
 * Webhooks are an organisation's own: its members know they exist (others are told nothing,
 * 404), and its own administrators (OrganisationPolicy.canEdit, as members) manage them (403
 * for the other members). Those who merely look after an organisation (programme managers for
 * every sponsor and startup) do not: a receiver is the organisation's choice.
 */
@Injectable()
export class WebhookPolicy {
  canSee(actor: Actor, organisation: OrganisationRef): boolean {
    return actor.isMemberOf(organisation.id);
  }

  canManage(actor: Actor, organisation: OrganisationRef): boolean {
    return actor.isMemberOf(organisation.id) && OrganisationPolicy.canEdit(actor, organisation);
  }
}
