import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';

/** Startups (and anyone neither managing nor sponsoring) ask for no reports. */
export class ReportNotAllowedError extends ForbiddenError {
  static readonly code = 'report.not_allowed';
  static readonly meaning =
    'Reports are for programme managers and sponsors; a startup’s figures are on its team page.';
  constructor() {
    super(
      'Reports are for programme managers and sponsors; your figures are on your team page.',
      ReportNotAllowedError.code,
    );
  }
}

/** The kind needs a scope the request left out. */
export class ReportScopeRequiredError extends BusinessRuleError {
  static readonly code = 'report.scope_required';
  static readonly meaning =
    'The report kind needs a scope: `roundId` for the round funnel and cohort progress, `sponsorOrganisationId` for a sponsor digest asked by a programme manager.';
  constructor(field: 'roundId' | 'sponsorOrganisationId', kind: string) {
    super(ReportScopeRequiredError.code, `A ${kind} report needs ${field}.`);
    this.extensions.errors = [{ field, message: 'is required for this kind' }];
  }
}

/** `period` is only for the sponsor digest, and must be a sensible interval. */
export class ReportPeriodInvalidError extends BusinessRuleError {
  static readonly code = 'report.invalid_period';
  static readonly meaning =
    '`period` is `YYYY-MM-DD/YYYY-MM-DD` (inclusive, at most 366 days), and only for a sponsor digest.';
  constructor(message: string) {
    super(ReportPeriodInvalidError.code, `period ${message}.`);
    this.extensions.errors = [{ field: 'period', message }];
  }
}

/** A download before the build is done (or after it failed). */
export class ReportNotReadyError extends ConflictError {
  static readonly code = 'report.not_ready';
  static readonly meaning =
    'The report has no file yet (queued or running) or none at all (failed): see `status` and `error`.';
  constructor(status: string) {
    super(ReportNotReadyError.code, `The report is ${status}: there is no file to download.`);
    this.extensions.reportStatus = status;
  }
}

/**
 * Why a build stopped, in words for the person who asked (stored as the report's `error`);
 * never retried, because the same data would fail the same way.
 */
export class ReportBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportBuildError';
  }
}

export const REPORT_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    ReportNotAllowedError,
    ReportScopeRequiredError,
    ReportPeriodInvalidError,
    ReportNotReadyError,
  ),
  notFoundEntry('Report'),
];
