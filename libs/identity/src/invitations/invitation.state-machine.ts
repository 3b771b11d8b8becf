import { StateMachine } from '@catalyst/common';
import type { Invitation } from '../entities/invitation.entity';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Who acts on an invitation: whoever may invite into its organisation, or the invitee. */
export type InvitationActor = 'inviter' | 'invitee';

/**
 * An invitation is single-use: once accepted or revoked it is final. `expired` is derived from
 * the clock (a pending invitation past its expiry), never stored.
 */
export const invitationMachine = new StateMachine<InvitationStatus, InvitationActor>(
  'invitation',
  INVITATION_STATUSES,
  [
    { from: ['pending'], to: 'accepted', by: ['invitee'] },
    { from: ['pending'], to: 'revoked', by: ['inviter'] },
  ],
);

export function invitationStatus(
  invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}
