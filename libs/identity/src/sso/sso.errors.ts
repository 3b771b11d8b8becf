import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  ProblemEntry,
  UnauthenticatedError,
  ValidationFailedError,
  entriesOf,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export class EmailDomainTakenError extends ConflictError {
  static readonly code = 'identity_provider.domain_taken';
  static readonly meaning = 'Another identity provider already vouches for this e-mail domain.';
  constructor(domain: string) {
    super(
      EmailDomainTakenError.code,
      `Another identity provider already vouches for ${domain}; a domain has one provider.`,
    );
  }
}

export class SecretKeyMissingError extends BusinessRuleError {
  static readonly code = 'identity_provider.secret_key_missing';
  static readonly meaning =
    'The instance has no SSO_ENCRYPTION_KEY, so it refuses to store a client secret.';
  constructor() {
    super(
      SecretKeyMissingError.code,
      'This instance cannot store client secrets: SSO_ENCRYPTION_KEY is not set.',
    );
  }
}

export class DefaultRoleUnfitError extends BusinessRuleError {
  static readonly code = 'identity_provider.role_unfit';
  static readonly meaning = 'The default role does not fit the kind of organisation.';
  constructor(kind: string, fitting: readonly string[]) {
    super(
      DefaultRoleUnfitError.code,
      `A ${kind} organisation's members can be ${fitting.join(' or ')}.`,
    );
  }
}

/** Password sign-in refused: the person's organisation signs its people in through its provider. */
export class SsoRequiredError extends ForbiddenError {
  static readonly code = 'auth.sso_required';
  static readonly meaning =
    'An organisation you belong to requires signing in through its identity provider; ' +
    'password sign-in is refused (a programme manager may grant a time-limited exception).';
  constructor(readonly organisationIds: string[]) {
    super(
      'Your organisation signs you in through its own identity provider: use "Sign in with your organisation".',
      SsoRequiredError.code,
    );
    this.extensions.organisationIds = organisationIds;
  }
}

export class SsoNoProviderError extends BusinessRuleError {
  static readonly code = 'sso.no_provider';
  static readonly meaning = 'No identity provider vouches for that e-mail domain or organisation.';
  constructor() {
    super(SsoNoProviderError.code, 'No organisation signs in people of that e-mail address.');
  }
}

export class SsoFlowExpiredError extends UnauthenticatedError {
  static readonly code = 'sso.flow_expired';
  static readonly meaning =
    'The sign-in through the provider is unknown, used, expired or was not started here; start again.';
  constructor() {
    super('Your sign-in expired or was already used; start again.', SsoFlowExpiredError.code);
  }
}

export class SsoStateMismatchError extends UnauthenticatedError {
  static readonly code = 'sso.state_mismatch';
  static readonly meaning =
    'The answer from the provider does not belong to the sign-in this browser started (state).';
  constructor() {
    super(
      'The answer from the provider does not belong to this sign-in; start again.',
      SsoStateMismatchError.code,
    );
  }
}

export class SsoProviderRefusedError extends UnauthenticatedError {
  static readonly code = 'sso.provider_refused';
  static readonly meaning =
    'The identity provider refused the sign-in (the person cancelled, or the provider no longer vouches for them).';
  constructor(detail?: string) {
    super(
      `Your organisation's sign-in service refused the sign-in${detail ? ` (${detail})` : ''}.`,
      SsoProviderRefusedError.code,
    );
  }
}

export class SsoIdTokenInvalidError extends UnauthenticatedError {
  static readonly code = 'sso.id_token_invalid';
  static readonly meaning =
    'The ID token failed verification (signature, issuer, audience, expiry or nonce).';
  constructor() {
    super(
      "The answer from your organisation's sign-in service could not be verified.",
      SsoIdTokenInvalidError.code,
    );
  }
}

export class SsoNotInvitedError extends ForbiddenError {
  static readonly code = 'sso.not_invited';
  static readonly meaning =
    'The organisation signs in only people it invited, and there is no open invitation for this person.';
  constructor() {
    super('Your organisation has not invited you to Catalyst yet.', SsoNotInvitedError.code);
  }
}

export class SsoDomainNotVouchedError extends ForbiddenError {
  static readonly code = 'sso.domain_not_vouched';
  static readonly meaning =
    "The provider's e-mail address for the person is not in the domains it vouches for (or not verified).";
  constructor() {
    super(
      'Your organisation does not vouch for this e-mail address here.',
      SsoDomainNotVouchedError.code,
    );
  }
}

export class SsoAccountDisabledError extends UnauthenticatedError {
  static readonly code = 'sso.account_disabled';
  static readonly meaning = 'The Catalyst account linked to this identity is disabled.';
  constructor() {
    super('This account is disabled.', SsoAccountDisabledError.code);
  }
}

export class SsoLinkPasswordIncorrectError extends UnauthenticatedError {
  static readonly code = 'sso.link_password_incorrect';
  static readonly meaning = 'The password given to confirm a link is not the account’s.';
  constructor() {
    super('The password is not correct.', SsoLinkPasswordIncorrectError.code);
  }
}

export class OverrideNotNeededError extends BusinessRuleError {
  static readonly code = 'password_sign_in_override.not_needed';
  static readonly meaning =
    'The person is not a member of that organisation, or it does not require single sign-on.';
  constructor() {
    super(
      OverrideNotNeededError.code,
      'Only a member of an organisation that requires single sign-on needs an exception.',
    );
  }
}

export const SSO_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    EmailDomainTakenError,
    SecretKeyMissingError,
    DefaultRoleUnfitError,
    SsoRequiredError,
    SsoNoProviderError,
    SsoFlowExpiredError,
    SsoStateMismatchError,
    SsoProviderRefusedError,
    SsoIdTokenInvalidError,
    SsoNotInvitedError,
    SsoDomainNotVouchedError,
    SsoAccountDisabledError,
    SsoLinkPasswordIncorrectError,
    OverrideNotNeededError,
  ),
  notFoundEntry('Identity provider'),
  staleVersionEntry('Identity provider'),
  {
    code: 'identity_provider.insecure_issuer',
    status: ValidationFailedError.status,
    title: ValidationFailedError.title,
    meaning:
      'The issuer URL must be https:// (http:// only where SSO_ALLOW_INSECURE_ISSUERS=true).',
  },
];
