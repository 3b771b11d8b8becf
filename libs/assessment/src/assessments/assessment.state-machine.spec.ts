import { ForbiddenError, InvalidTransitionError, ValidationFailedError } from '@catalyst/common';
import { ASSESSMENT_STATE_MACHINE as sm } from './assessment.state-machine';

describe('the assessment state machine', () => {
  it('lets only the assigned assessor submit', () => {
    expect(sm.check({ from: 'assigned', to: 'submitted', actors: ['assessor'] }).to).toBe(
      'submitted',
    );
    expect(() =>
      sm.check({ from: 'assigned', to: 'submitted', actors: ['programme_manager'] }),
    ).toThrow(ForbiddenError);
  });

  it('lets only a programme manager reopen a submitted assessment, with a reason', () => {
    expect(() => sm.check({ from: 'submitted', to: 'assigned', actors: ['assessor'] })).toThrow(
      ForbiddenError,
    );
    expect(() =>
      sm.check({ from: 'submitted', to: 'assigned', actors: ['programme_manager'] }),
    ).toThrow(ValidationFailedError);
    expect(
      sm.check({
        from: 'submitted',
        to: 'assigned',
        actors: ['programme_manager'],
        reason: 'Scored the wrong file',
      }).to,
    ).toBe('assigned');
  });

  it('needs a reason to declare a conflict', () => {
    expect(() => sm.check({ from: 'assigned', to: 'conflicted', actors: ['assessor'] })).toThrow(
      ValidationFailedError,
    );
    expect(
      sm.check({ from: 'assigned', to: 'conflicted', actors: ['assessor'], reason: 'Ex-employer' })
        .to,
    ).toBe('conflicted');
  });

  it('treats a conflicted assessment as final and names the allowed targets otherwise', () => {
    expect(sm.targetsFrom('conflicted')).toEqual([]);
    expect(sm.targetsFrom('submitted').sort()).toEqual(['assigned', 'conflicted']);
    try {
      sm.check({ from: 'conflicted', to: 'assigned', actors: ['programme_manager'], reason: 'x' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as InvalidTransitionError).extensions.allowed).toEqual([]);
    }
  });

  it('never lets the assessor submit twice', () => {
    expect(() => sm.check({ from: 'submitted', to: 'submitted', actors: ['assessor'] })).toThrow(
      InvalidTransitionError,
    );
  });
});
