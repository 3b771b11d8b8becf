import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllowedTransitionView, allowedTransitions } from '@catalyst/common';
import type { Invitation } from '../entities/invitation.entity';
import { ROLES, type Role } from '../roles';
import {
  INVITATION_STATUSES,
  type InvitationActor,
  type InvitationStatus,
  invitationMachine,
  invitationStatus,
} from './invitation.state-machine';

export const TOKEN_DELIVERIES = ['response', 'email'] as const;
/** Where a secret token (invitation, password reset) went: in the API answer, or by e-mail only. */
export type TokenDelivery = (typeof TOKEN_DELIVERIES)[number];

/**
 * Answer to creating an invitation. The token goes to the invitee, not the inviter, once mail
 * is configured (`tokenDelivery: "email"`, no `token`); in development and test, and while no
 * SMTP_URL is set, the answer carries it (`"response"`) for the inviter to pass on.
 */
export class InvitationCreatedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: TOKEN_DELIVERIES,
    description:
      '`email`: the token was handed to the mail system for the invitee only and is not in ' +
      'this answer. `response`: no mail is configured (or the API runs in development/test), ' +
      'so the token is in this answer: pass it to the invitee yourself',
  })
  tokenDelivery: TokenDelivery;

  @ApiPropertyOptional({
    description:
      'Only when tokenDelivery is `response`: the single-use secret for ' +
      'POST /invitations/{token}/accept. Only its hash is stored: it cannot be shown again.',
  })
  token?: string;

  @ApiProperty({ example: 'No mail is configured: pass the token to the invitee yourself.' })
  tokenDeliveryNote: string;

  @ApiProperty({ format: 'date-time', description: 'Seven days after creation' })
  expiresAt: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ example: 'grace@example.org' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({
    enum: INVITATION_STATUSES,
    description: '`expired` is derived: pending past its expiry time',
  })
  status: InvitationStatus;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ format: 'uuid' })
  invitedByUserId: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  acceptedByUserId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ description: 'Send back in If-Match when moving it' })
  version: number;

  @ApiProperty({
    type: [AllowedTransitionView],
    description: 'The moves you may make now (empty when none)',
  })
  allowedTransitions: AllowedTransitionView<InvitationStatus>[];

  /** `actors`: what the caller is for this invitation (whoever reads it here is its inviter). */
  static from(
    i: Invitation,
    now: Date,
    actors: readonly InvitationActor[] = ['inviter'],
  ): InvitationDto {
    const status = invitationStatus(i, now);
    return {
      id: i.id,
      organisationId: i.organisationId,
      email: i.email,
      role: i.role,
      status,
      expiresAt: i.expiresAt.toISOString(),
      invitedByUserId: i.invitedByUserId,
      createdAt: i.createdAt.toISOString(),
      acceptedAt: i.acceptedAt?.toISOString() ?? null,
      acceptedByUserId: i.acceptedByUserId,
      revokedAt: i.revokedAt?.toISOString() ?? null,
      version: i.version,
      allowedTransitions: allowedTransitions(invitationMachine, status, actors),
    };
  }
}

export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto] })
  items: InvitationDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
