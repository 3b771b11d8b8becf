import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  invalidTransitionEntry,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export class ContractReferenceTakenError extends ConflictError {
  static readonly code = 'contract.reference_taken';
  static readonly meaning =
    'The buyer already has a contract with this reference (references are unique per buyer).';
  constructor(reference: string) {
    super(ContractReferenceTakenError.code, `The buyer already has a contract '${reference}'.`);
    this.extensions.errors = [{ field: 'reference', message: 'is already used by this buyer' }];
  }
}

export class ContractPartyError extends BusinessRuleError {
  static readonly code = 'contract.invalid_party';
  static readonly meaning =
    'The buyer must be a public body (a sponsor organisation) and the supplier a startup; the team, when given, must be the startup’s.';
  constructor(field: string, message: string) {
    super(ContractPartyError.code, `${field} ${message}.`);
    this.extensions.errors = [{ field, message }];
  }
}

export class ContractProgrammeRequiredError extends BusinessRuleError {
  static readonly code = 'contract.programme_required';
  static readonly meaning =
    'A contract linked to no team or round needs `programmeId` when it cannot be told which programme it belongs to.';
  constructor() {
    super(
      ContractProgrammeRequiredError.code,
      'Say which programme this contract belongs to (programmeId): it is linked to no team or round.',
    );
    this.extensions.errors = [{ field: 'programmeId', message: 'is required here' }];
  }
}

export class ContractProgrammeMismatchError extends BusinessRuleError {
  static readonly code = 'contract.programme_mismatch';
  static readonly meaning =
    'The programme named is not the linked team’s or round’s, or the startup never applied to it.';
  constructor(detail: string) {
    super(ContractProgrammeMismatchError.code, detail);
    this.extensions.errors = [{ field: 'programmeId', message: detail }];
  }
}

export class ContractDatesError extends BusinessRuleError {
  static readonly code = 'contract.invalid_dates';
  static readonly meaning =
    'A contract ends on or after the day it starts; an extension moves the end date later.';
  constructor(field: string, message: string) {
    super(ContractDatesError.code, `${field} ${message}.`);
    this.extensions.errors = [{ field, message }];
  }
}

export class ContractCurrencyMismatchError extends BusinessRuleError {
  static readonly code = 'contract.currency_mismatch';
  static readonly meaning =
    'Amounts against a contract (payments, value changes) are in the contract’s currency: currencies are never mixed.';
  /** `money`: the field holding the money (`amount`, `value`). */
  constructor(expected: string, given: string, money: 'amount' | 'value') {
    super(
      ContractCurrencyMismatchError.code,
      `This contract is in ${expected}; ${given} cannot be recorded against it.`,
    );
    this.extensions.errors = [{ field: `${money}.currency`, message: `must be ${expected}` }];
  }
}

export class ContractNotEditableError extends ConflictError {
  static readonly code = 'contract.not_draft';
  static readonly meaning =
    'Only a draft contract’s terms are edited; after the award they change by amendment.';
  constructor(status: string) {
    super(
      ContractNotEditableError.code,
      `The contract is ${status}: its terms change only by amendment.`,
    );
  }
}

export class ContractClosedError extends ConflictError {
  static readonly code = 'contract.closed';
  static readonly meaning = 'A completed or terminated contract takes no amendments.';
  constructor(status: string) {
    super(ContractClosedError.code, `The contract is ${status}: it takes no amendments.`);
  }
}

export class ContractNotPayableError extends BusinessRuleError {
  static readonly code = 'contract.not_payable';
  static readonly meaning =
    'Payments are recorded against awarded, active or completed contracts only.';
  constructor(status: string) {
    super(ContractNotPayableError.code, `The contract is ${status}: payments need an award.`);
  }
}

export class ContractCeilingExceededError extends BusinessRuleError {
  static readonly code = 'contract.ceiling_exceeded';
  static readonly meaning =
    'The payment would take the total paid above the contract’s current value (amend the value first).';
  constructor(remainingMinor: number, currency: string) {
    super(
      ContractCeilingExceededError.code,
      `This payment would exceed the contract’s current value: ${remainingMinor} ${currency} (minor units) remain.`,
    );
    this.extensions.remaining = { amountMinor: remainingMinor, currency };
  }
}

export class ContractValueBelowPaidError extends BusinessRuleError {
  static readonly code = 'contract.value_below_paid';
  static readonly meaning =
    'A value change cannot set the contract’s value below what is already paid.';
  constructor(paidMinor: number, currency: string) {
    super(
      ContractValueBelowPaidError.code,
      `${paidMinor} ${currency} (minor units) is already paid: the value cannot go below it.`,
    );
    this.extensions.paid = { amountMinor: paidMinor, currency };
  }
}

export class ContractPaymentInFutureError extends BusinessRuleError {
  static readonly code = 'contract_payment.in_future';
  static readonly meaning = 'A payment is recorded once made: `paidOn` is not after today.';
  constructor(today: string) {
    super(ContractPaymentInFutureError.code, `paidOn cannot be after today (${today}).`);
    this.extensions.errors = [{ field: 'paidOn', message: `must be ${today} or earlier` }];
  }
}

export class ContractPaymentAlreadyReversedError extends ConflictError {
  static readonly code = 'contract_payment.already_reversed';
  static readonly meaning = 'A payment is reversed once; a reversal itself is never reversed.';
  constructor() {
    super(
      ContractPaymentAlreadyReversedError.code,
      'This entry is already reversed, or is itself a reversal.',
    );
  }
}

export class ContractPaymentMilestoneError extends BusinessRuleError {
  static readonly code = 'contract_payment.invalid_milestone';
  static readonly meaning =
    'A payment for a milestone names an accepted, unpaid milestone of the contract’s team, for exactly its payment.';
  constructor(detail: string) {
    super(ContractPaymentMilestoneError.code, detail);
    this.extensions.errors = [{ field: 'milestoneId', message: detail }];
  }
}

export class ContractDefaultsCurrencyError extends BusinessRuleError {
  static readonly code = 'contract_defaults.currency_mismatch';
  static readonly meaning = 'A round’s default contract amounts are in its programme’s currency.';
  constructor(expected: string, field: string) {
    super(
      ContractDefaultsCurrencyError.code,
      `The round’s programme runs in ${expected}: default amounts are in ${expected}.`,
    );
    this.extensions.errors = [{ field, message: `must be ${expected}` }];
  }
}

export class OutcomeFiguresError extends BusinessRuleError {
  static readonly code = 'outcome.invalid_figures';
  static readonly meaning =
    'Investment and revenue carry `value`, jobs carry `count`, a public buyer carries `buyerOrganisationId` or `buyerName`; nothing else.';
  constructor(field: string, message: string) {
    super(OutcomeFiguresError.code, `${field} ${message}.`);
    this.extensions.errors = [{ field, message }];
  }
}

export class OutcomeAlreadyCorrectedError extends ConflictError {
  static readonly code = 'outcome.already_corrected';
  static readonly meaning = 'An outcome is corrected once; correct its latest correction instead.';
  constructor(correctedBy: string) {
    super(
      OutcomeAlreadyCorrectedError.code,
      `This outcome was already corrected by ${correctedBy}: correct that one.`,
    );
    this.extensions.correctedBy = correctedBy;
  }
}

export const CONTRACT_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    ContractReferenceTakenError,
    ContractPartyError,
    ContractProgrammeRequiredError,
    ContractProgrammeMismatchError,
    ContractDatesError,
    ContractCurrencyMismatchError,
    ContractNotEditableError,
    ContractClosedError,
    ContractNotPayableError,
    ContractCeilingExceededError,
    ContractValueBelowPaidError,
    ContractPaymentInFutureError,
    ContractPaymentAlreadyReversedError,
    ContractPaymentMilestoneError,
    ContractDefaultsCurrencyError,
    OutcomeFiguresError,
    OutcomeAlreadyCorrectedError,
  ),
  notFoundEntry('Contract'),
  notFoundEntry('Contract payment'),
  notFoundEntry('Outcome'),
  invalidTransitionEntry('contract'),
  staleVersionEntry('contract'),
  staleVersionEntry('contract_defaults'),
];
