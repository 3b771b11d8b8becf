import { ForbiddenError, InvalidTransitionError, ValidationFailedError } from '@catalyst/common';
import type { RoundStatus } from '@catalyst/rounds';
import { assertRoundStageAllows } from './application.stage-rules';
import {
  APPLICATION_STATE_MACHINE as machine,
  DECISION_STATUSES,
} from './application.state-machine';
import type { ApplicationStatus } from './application.statuses';

const PM = ['programme_manager'] as const;
const STARTUP = ['startup_member'] as const;

describe('the application state table', () => {
  it.each<[ApplicationStatus, ApplicationStatus[]]>([
    ['draft', ['submitted', 'withdrawn']],
    ['submitted', ['withdrawn', 'ineligible', 'shortlisted', 'waitlisted', 'rejected']],
    ['ineligible', ['submitted']],
    ['shortlisted', ['withdrawn', 'exploration', 'selected', 'waitlisted', 'rejected']],
    ['exploration', ['withdrawn', 'selected', 'waitlisted', 'rejected']],
    ['selected', ['withdrawn', 'waitlisted', 'rejected']],
    ['waitlisted', ['withdrawn', 'shortlisted', 'exploration', 'selected', 'rejected']],
    ['rejected', []],
    ['withdrawn', []],
  ])('from %s allows exactly %j', (from, targets) => {
    expect(machine.targetsFrom(from).sort()).toEqual([...targets].sort());
  });

  it('lets the company submit and withdraw, and nothing else', () => {
    expect(machine.targetsFor('draft', STARTUP)).toEqual(['submitted', 'withdrawn']);
    expect(machine.targetsFor('submitted', STARTUP)).toEqual(['withdrawn']);
    expect(machine.targetsFor('shortlisted', STARTUP)).toEqual(['withdrawn']);
  });

  it('never lets a programme manager submit a draft or withdraw for the company', () => {
    expect(() => machine.check({ from: 'draft', to: 'submitted', actors: PM })).toThrow(
      ForbiddenError,
    );
    expect(() => machine.check({ from: 'submitted', to: 'withdrawn', actors: PM })).toThrow(
      ForbiddenError,
    );
  });

  it.each(['ineligible', ...DECISION_STATUSES] as ApplicationStatus[])(
    'needs a reason and a programme manager to move to %s',
    (to) => {
      const from = machine.rules.find((r) => r.to === to && r.by.includes('programme_manager'))!
        .from[0];
      expect(() => machine.check({ from, to, actors: PM })).toThrow(ValidationFailedError);
      expect(() => machine.check({ from, to, actors: PM, reason: '   ' })).toThrow(
        ValidationFailedError,
      );
      expect(() => machine.check({ from, to, actors: STARTUP, reason: 'x' })).toThrow(
        ForbiddenError,
      );
      expect(machine.check({ from, to, actors: PM, reason: 'panel ranked it first' }).to).toBe(to);
    },
  );

  it('answers an impossible move with 409 and the allowed targets', () => {
    try {
      machine.check({ from: 'draft', to: 'selected', actors: PM, reason: 'x' });
      fail('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as InvalidTransitionError).extensions.allowed).toEqual([
        'submitted',
        'withdrawn',
      ]);
    }
  });
});

describe('the round stage each move needs', () => {
  const ROUND: RoundStatus[] = [
    'draft',
    'open',
    'assessment',
    'exploration',
    'accelerator',
    'completed',
    'cancelled',
  ];
  const allowedStages = (from: ApplicationStatus, to: ApplicationStatus) =>
    ROUND.filter((stage) => {
      try {
        assertRoundStageAllows(from, to, stage);
        return true;
      } catch {
        return false;
      }
    });

  it.each<[ApplicationStatus, ApplicationStatus, RoundStatus[]]>([
    ['draft', 'submitted', ['open']],
    ['ineligible', 'submitted', ['open', 'assessment']],
    ['submitted', 'ineligible', ['open', 'assessment']],
    ['submitted', 'shortlisted', ['assessment', 'exploration']],
    ['shortlisted', 'exploration', ['exploration']],
    ['exploration', 'selected', ['exploration', 'accelerator']],
    ['waitlisted', 'selected', ['exploration', 'accelerator']],
    ['submitted', 'rejected', ['assessment', 'exploration', 'accelerator']],
    ['shortlisted', 'waitlisted', ['assessment', 'exploration', 'accelerator']],
    ['submitted', 'withdrawn', ROUND],
    // Leaving `selected` removes the team: only before the accelerator starts.
    ['selected', 'waitlisted', ['assessment', 'exploration']],
    ['selected', 'rejected', ['assessment', 'exploration']],
    ['selected', 'withdrawn', ['open', 'assessment', 'exploration']],
  ])('%s → %s only while the round is %j', (from, to, stages) => {
    expect(allowedStages(from, to)).toEqual(stages);
  });

  it('explains a refusal with the stages that would allow it', () => {
    expect(() => assertRoundStageAllows('submitted', 'shortlisted', 'open')).toThrow(
      "An application can move to 'shortlisted' only while its round is in 'assessment' or " +
        "'exploration'; this round is 'open'.",
    );
  });
});
