import { EntityManager } from 'typeorm';
import { DECISION_STATUSES } from './application.state-machine';
import type { ApplicationStatus } from './application.statuses';
import { PanelIncompleteError } from './application.errors';

/**
 * Decisions rest on the panel's assessment. Every programme manager decision — `shortlisted`,
 * `exploration`, `selected`, `waitlisted`, `rejected` — needs the application to have at least
 * one submitted assessment and none still `assigned`: each panel member assigned to it has
 * submitted scores or declared a conflict (a conflicted assessment never counts, so an
 * application whose only assessments are conflicted has not been assessed). Otherwise 422.
 *
 * Rejection is no exception, even with a reason: `rejected` is final and a merit decision a
 * company can challenge. An application that is plainly out of scope is screened out as
 * `ineligible` (open/assessment stages, with a reason, reinstatable) — that needs no scores.
 * Withdrawal, submission and reinstatement need none either. An assessor who will never score
 * is taken off the application (bulk assignment `remove`), not worked around.
 *
 * The counts come from the assessment context through a port (PanelAssessmentsPort below):
 * libs/assessment depends on libs/applications (its entities reference Application), so it
 * implements the port and the composing module binds it; this library never reads the
 * assessment tables itself.
 */
const NEEDS_ASSESSMENT: ReadonlySet<ApplicationStatus> = new Set(DECISION_STATUSES);

export function needsPanelAssessment(to: ApplicationStatus): boolean {
  return NEEDS_ASSESSMENT.has(to);
}

/** The application's assessments by status (conflicted ones are out of every calculation). */
export interface PanelAssessmentCounts {
  submitted: number;
  /** Still `assigned`: neither scored and submitted nor declared conflicted. */
  outstanding: number;
  conflicted: number;
}

/**
 * The assessment context's answer, read in the decision's transaction (`manager`). The
 * application row is already locked FOR UPDATE, which also holds back new assignments to it
 * (their foreign key needs a share lock on that row) until the decision commits. A reopen that
 * commits after this read simply comes after the decision; the counts the decision rested on
 * go into its audit event.
 */
export interface PanelAssessmentsPort {
  countsFor(manager: EntityManager, applicationId: string): Promise<PanelAssessmentCounts>;
  /**
   * The stage a decision rests on and the panel's counts there: shortlisting on the first
   * stage (the written sift), every other decision on the latest stage the application was
   * entered into (selection on the interview). `stage` and `figures` are given only when the
   * challenge has several stages (a one-stage challenge's decisions read as before).
   */
  stageResultsFor(
    manager: EntityManager,
    applicationId: string,
    decision: ApplicationStatus,
  ): Promise<StageResults>;
}

/** What a decision rested on, in a challenge of several stages. */
export interface StageResults {
  counts: PanelAssessmentCounts;
  stage?: string;
  figures?: {
    rank: number | null;
    weightedScore: number | null;
    spread: number | null;
    flagged: boolean;
    ranked: number;
  };
}

export const PANEL_ASSESSMENTS = Symbol('PanelAssessmentsPort');

let boundPanelAssessments: PanelAssessmentsPort | undefined;

/**
 * Called by the port's implementation when the composing module creates it, so the free
 * function below reaches it. Services inject PANEL_ASSESSMENTS instead.
 */
export function bindPanelAssessments(port: PanelAssessmentsPort): void {
  boundPanelAssessments = port;
}

/**
 * The same counts for callers that are not injected (kept with this signature for the
 * application transition service until it takes PANEL_ASSESSMENTS by injection).
 */
export function stageResultsFor(
  manager: EntityManager,
  applicationId: string,
  decision: ApplicationStatus,
): Promise<StageResults> {
  return boundPort().stageResultsFor(manager, applicationId, decision);
}

function boundPort(): PanelAssessmentsPort {
  if (!boundPanelAssessments) {
    throw new Error(
      'No PanelAssessmentsPort is bound: compose the assessment context (its adapter) into the app.',
    );
  }
  return boundPanelAssessments;
}

export function countPanelAssessments(
  manager: EntityManager,
  applicationId: string,
): Promise<PanelAssessmentCounts> {
  if (!boundPanelAssessments) {
    throw new Error(
      'No PanelAssessmentsPort is bound: compose the assessment context (its adapter) into the app.',
    );
  }
  return boundPanelAssessments.countsFor(manager, applicationId);
}

/** Throws 422 (with the counts as `assessments`) unless the panel has finished with it. */
export function assertPanelAssessed(
  to: ApplicationStatus,
  counts: PanelAssessmentCounts,
  stage?: string,
): void {
  if (!needsPanelAssessment(to)) return;
  const { submitted, outstanding, conflicted } = counts;
  let detail: string | null = null;
  if (outstanding > 0) {
    const counted = submitted + outstanding;
    detail =
      `${outstanding} of ${counted} assessment${counted === 1 ? ' is' : 's are'} still ` +
      `outstanding: every assessor assigned to this application must submit scores or declare ` +
      `a conflict before it can be '${to}' (or a programme manager removes the assignment).`;
  } else if (submitted === 0) {
    const why =
      conflicted > 0
        ? ` (${conflicted === 1 ? 'its only assessor' : `all ${conflicted} of its assessors`} ` +
          `declared a conflict, which never counts)`
        : '';
    detail =
      `No assessor has scored this application${why}: it can be '${to}' only on the panel's ` +
      `assessment, so assign an assessor and have it scored first. An application that is out ` +
      `of scope is screened out as 'ineligible' instead.`;
  }
  if (detail && stage) detail = `In the stage '${stage}': ${detail}`;
  if (detail) {
    throw new PanelIncompleteError(detail, { submitted, outstanding, conflicted });
  }
}
