import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  ValidationFailedError,
  entriesOf,
  invalidTransitionEntry,
  staleVersionEntry,
  notFoundEntry,
  withArticle,
} from '@catalyst/common';

export class InvitationExpiredError extends BusinessRuleError {
  static readonly code = 'invitation.expired';
  static readonly meaning = 'The invitation’s 7 days have passed; ask for a new one.';
  constructor(expiresAt: Date) {
    super(
      InvitationExpiredError.code,
      `This invitation expired at ${expiresAt.toISOString()}; ask for a new one.`,
    );
  }
}

export class InvitationAlreadyUsedError extends ConflictError {
  static readonly code = 'invitation.already_used';
  static readonly meaning = 'The invitation was accepted already; a token works once.';
  constructor() {
    super(InvitationAlreadyUsedError.code, 'This invitation has already been used.');
  }
}

export class InvitationRevokedError extends ConflictError {
  static readonly code = 'invitation.revoked';
  static readonly meaning = 'The invitation was revoked by the organisation.';
  constructor() {
    super(InvitationRevokedError.code, 'This invitation was revoked.');
  }
}

export class InvitationRoleUnfitError extends BusinessRuleError {
  static readonly code = 'invitation.role_unfit';
  static readonly meaning = 'The role does not fit this kind of organisation.';
  constructor(kind: string, fitting: readonly string[], role: string) {
    super(
      InvitationRoleUnfitError.code,
      `${withArticle(kind, true)} organisation's members can be ${fitting.join(' or ')}, not ${role}.`,
    );
  }
}

export class AlreadyMemberError extends ConflictError {
  static readonly code = 'invitation.already_member';
  static readonly meaning = 'The invitee already holds that role in the organisation.';
  constructor(email: string, role: string) {
    super(
      AlreadyMemberError.code,
      `${email} is already ${withArticle(role)} of this organisation.`,
    );
  }
}

export const INVITATION_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    InvitationExpiredError,
    InvitationAlreadyUsedError,
    InvitationRevokedError,
    InvitationRoleUnfitError,
    AlreadyMemberError,
  ),
  notFoundEntry('Invitation', 'No invitation with that token or id, or it is not yours to manage.'),
  invalidTransitionEntry('invitation'),
  staleVersionEntry('invitation'),
  {
    code: 'invitation.not_accepted',
    status: ValidationFailedError.status,
    title: ValidationFailedError.title,
    meaning:
      'The details do not accept the invitation: a new account needs a name and a password, an ' +
      'existing account its password (the answer never says which applies).',
  },
];
