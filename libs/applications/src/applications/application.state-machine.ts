import { StateMachine } from '@catalyst/common';
import { APPLICATION_STATUSES, ApplicationStatus } from './application.statuses';

/**
 * `startup_member`: a startup-member of the applying company. `programme_manager`: the operator's
 * staff. Sponsors and assessors make no application moves (their say goes through the panel).
 */
export type ApplicationActor = 'startup_member' | 'programme_manager';

/** Statuses a programme manager's decision may lead to; every one needs a reason. */
export const DECISION_STATUSES = [
  'shortlisted',
  'exploration',
  'selected',
  'waitlisted',
  'rejected',
] as const satisfies readonly ApplicationStatus[];

/**
 * The application life cycle as data. Which round stage each move needs is a separate table
 * (application.stage-rules.ts), because it depends on the round, not on the application.
 * `withdrawn` and `rejected` are final; `ineligible` can be reinstated to `submitted` by a
 * programme manager (a screening mistake), with a reason.
 */
export const APPLICATION_STATE_MACHINE = new StateMachine<ApplicationStatus, ApplicationActor>(
  'application',
  APPLICATION_STATUSES,
  [
    { from: ['draft'], to: 'submitted', by: ['startup_member'] },
    {
      from: ['draft', 'submitted', 'shortlisted', 'exploration', 'waitlisted', 'selected'],
      to: 'withdrawn',
      by: ['startup_member'],
    },
    // Screening, and reinstatement when screening got it wrong.
    { from: ['submitted'], to: 'ineligible', by: ['programme_manager'], reasonRequired: true },
    { from: ['ineligible'], to: 'submitted', by: ['programme_manager'], reasonRequired: true },
    // Decisions.
    {
      from: ['submitted', 'waitlisted'],
      to: 'shortlisted',
      by: ['programme_manager'],
      reasonRequired: true,
    },
    {
      from: ['shortlisted', 'waitlisted'],
      to: 'exploration',
      by: ['programme_manager'],
      reasonRequired: true,
    },
    {
      from: ['shortlisted', 'exploration', 'waitlisted'],
      to: 'selected',
      by: ['programme_manager'],
      reasonRequired: true,
    },
    {
      from: ['submitted', 'shortlisted', 'exploration', 'selected'],
      to: 'waitlisted',
      by: ['programme_manager'],
      reasonRequired: true,
    },
    {
      from: ['submitted', 'shortlisted', 'exploration', 'waitlisted', 'selected'],
      to: 'rejected',
      by: ['programme_manager'],
      reasonRequired: true,
    },
  ],
);
