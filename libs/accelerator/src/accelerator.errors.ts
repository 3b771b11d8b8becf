import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  ProblemEntry,
  entriesOf,
  invalidTransitionEntry,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

/** Which sprints something points at, as the 409 names them. */
export interface SprintUse {
  sprintNumber: number;
  milestones: number;
  progressUpdates: number;
}

export class SprintsInUseError extends ConflictError {
  static readonly code = 'sprint.in_use';
  static readonly meaning =
    'The sprint calendar cannot be regenerated: milestones or progress updates point at its sprints (`usedBy` names them).';
  constructor(usedBy: SprintUse[]) {
    const named = usedBy
      .map(
        (u) =>
          `sprint ${u.sprintNumber} (${u.milestones} milestone(s), ${u.progressUpdates} progress update(s))`,
      )
      .join(', ');
    super(
      SprintsInUseError.code,
      `The calendar is in use and cannot be regenerated: ${named} point at it.`,
    );
    this.extensions.usedBy = usedBy;
  }
}

export class SprintRoundFinishedError extends BusinessRuleError {
  static readonly code = 'sprint.round_finished';
  static readonly meaning = 'A completed or cancelled round’s sprint calendar no longer changes.';
  constructor(status: string) {
    super(SprintRoundFinishedError.code, `The round is ${status}: its calendar no longer changes.`);
  }
}

export class SprintNotInRoundError extends BusinessRuleError {
  static readonly code = 'sprint.not_in_round';
  static readonly meaning = 'The sprint named is not one of the team’s round’s sprints.';
  constructor(field: string) {
    super(SprintNotInRoundError.code, 'That sprint is not in the team’s round.');
    this.extensions.errors = [{ field, message: 'must be a sprint of the team’s round' }];
  }
}

export class NoCurrentSprintError extends BusinessRuleError {
  static readonly code = 'sprint.none_today';
  static readonly meaning =
    'No sprint of the round covers today (none generated, or outside the accelerator): name one with `sprintId`.';
  constructor(today: string) {
    super(
      NoCurrentSprintError.code,
      `No sprint of the round covers ${today} in the round’s time zone; give sprintId.`,
    );
  }
}

export class MilestoneCurrencyError extends BusinessRuleError {
  static readonly code = 'milestone.currency_mismatch';
  static readonly meaning =
    'A milestone payment is in the programme’s currency (the challenge’s accelerator budget currency).';
  constructor(expected: string, given: string) {
    super(
      MilestoneCurrencyError.code,
      `Milestone payments for this team are in ${expected}, not ${given}.`,
    );
    this.extensions.errors = [{ field: 'payment.currency', message: `must be ${expected}` }];
  }
}

export class MilestonePlanAgreedError extends ConflictError {
  static readonly code = 'milestone.plan_agreed';
  static readonly meaning =
    'The plan is agreed: adding, removing or re-dating a milestone needs the sponsor (reopen the plan) or a programme manager’s reason.';
  constructor() {
    super(
      MilestonePlanAgreedError.code,
      'The milestone plan is agreed with the sponsor: reopen it (the sponsor agrees it again), or ask a programme manager to make the change with a reason.',
    );
  }
}

export class MilestoneChangeReasonRequiredError extends BusinessRuleError {
  static readonly code = 'milestone.change_reason_required';
  static readonly meaning =
    'A programme manager changing an agreed plan for the sponsor gives a `reason`.';
  constructor() {
    super(
      MilestoneChangeReasonRequiredError.code,
      'The plan is agreed: a programme manager changing it gives a reason.',
    );
    this.extensions.errors = [{ field: 'reason', message: 'is required to change an agreed plan' }];
  }
}

export class MilestoneNotEditableError extends ConflictError {
  static readonly code = 'milestone.not_editable';
  static readonly meaning =
    'An accepted milestone no longer changes; only a planned one may be removed.';
  constructor(status: string, what: 'edited' | 'removed') {
    super(MilestoneNotEditableError.code, `A milestone that is ${status} cannot be ${what}.`);
  }
}

export class MilestonePlanNotAgreedError extends BusinessRuleError {
  static readonly code = 'milestone.plan_not_agreed';
  static readonly meaning = 'Work on milestones starts once the sponsor has agreed the plan.';
  constructor(planStatus: string) {
    super(
      MilestonePlanNotAgreedError.code,
      `The milestone plan is ${planStatus}: the sponsor agrees it before work is submitted.`,
    );
  }
}

export class MilestoneEvidenceRequiredError extends BusinessRuleError {
  static readonly code = 'milestone.evidence_required';
  static readonly meaning = 'Submitting a milestone takes `evidenceUrls` and/or `documentIds`.';
  constructor() {
    super(
      MilestoneEvidenceRequiredError.code,
      'Submit a milestone with its evidence: links (evidenceUrls) and/or documents (documentIds).',
    );
    this.extensions.errors = [{ field: 'evidenceUrls', message: 'or documentIds is required' }];
  }
}

export class MilestoneNotOpenError extends ConflictError {
  static readonly code = 'milestone.not_open';
  static readonly meaning =
    'Documents are attached to (or removed from) a milestone while the team works on it: planned, in progress or changes requested; not once submitted or accepted.';
  constructor(status: string) {
    super(
      MilestoneNotOpenError.code,
      `The milestone is ${status}: its documents no longer change.`,
    );
  }
}

export class MilestoneNotPayableError extends BusinessRuleError {
  static readonly code = 'milestone.not_payable';
  static readonly meaning =
    'Only an accepted milestone with a payment is paid (`paymentStatus` payable).';
  constructor(paymentStatus: string) {
    super(
      MilestoneNotPayableError.code,
      paymentStatus === 'none'
        ? 'This milestone carries no payment.'
        : 'The milestone is not accepted yet: it becomes payable once the sponsor accepts it.',
    );
  }
}

export class MilestoneAlreadyPaidError extends ConflictError {
  static readonly code = 'milestone.already_paid';
  static readonly meaning = 'The milestone’s payment is recorded once; it was recorded already.';
  constructor(paidOn: string) {
    super(MilestoneAlreadyPaidError.code, `This milestone was recorded paid on ${paidOn}.`);
  }
}

export class MilestonePaidInFutureError extends BusinessRuleError {
  static readonly code = 'milestone.paid_on_future';
  static readonly meaning = 'A payment is recorded once made: `paidOn` is not after today.';
  constructor(today: string) {
    super(
      MilestonePaidInFutureError.code,
      `paidOn is after today (${today} in the round’s time zone).`,
    );
    this.extensions.errors = [{ field: 'paidOn', message: 'must not be in the future' }];
  }
}

export class MilestonePlanEmptyError extends BusinessRuleError {
  static readonly code = 'milestone_plan.empty';
  static readonly meaning = 'A plan is proposed with at least one milestone.';
  constructor() {
    super(MilestonePlanEmptyError.code, 'Add at least one milestone before proposing the plan.');
  }
}

export class ProgressUpdateLockedError extends ConflictError {
  static readonly code = 'progress_update.locked';
  static readonly meaning =
    'A progress update is editable for 24 hours after it is logged; correct it with a new entry.';
  constructor(editableUntil: Date) {
    super(
      ProgressUpdateLockedError.code,
      `This update was editable until ${editableUntil.toISOString()}; log a new one to correct it.`,
    );
    this.extensions.editableUntil = editableUntil.toISOString();
  }
}

export class ProgressUpdateNotAuthorError extends ForbiddenError {
  static readonly code = 'progress_update.not_author';
  static readonly meaning = 'Only the author of a progress update edits it.';
  constructor() {
    super('Only the author of a progress update may edit it.', ProgressUpdateNotAuthorError.code);
  }
}

export const ACCELERATOR_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    SprintsInUseError,
    SprintRoundFinishedError,
    SprintNotInRoundError,
    NoCurrentSprintError,
    MilestoneCurrencyError,
    MilestonePlanAgreedError,
    MilestoneChangeReasonRequiredError,
    MilestoneNotEditableError,
    MilestonePlanNotAgreedError,
    MilestoneEvidenceRequiredError,
    MilestoneNotOpenError,
    MilestoneNotPayableError,
    MilestoneAlreadyPaidError,
    MilestonePaidInFutureError,
    MilestonePlanEmptyError,
    ProgressUpdateLockedError,
    ProgressUpdateNotAuthorError,
  ),
  notFoundEntry('Team'),
  notFoundEntry('Milestone'),
  notFoundEntry('Progress update'),
  invalidTransitionEntry('milestone'),
  invalidTransitionEntry('milestone_plan'),
  staleVersionEntry('milestone'),
  staleVersionEntry('milestone_plan'),
  staleVersionEntry('progress_update'),
];
