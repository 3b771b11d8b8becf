import { InvalidTransitionError, ValidationFailedError, ForbiddenError } from '@catalyst/common';
import { ROUND_STATE_MACHINE, ROUND_STATUSES } from './round.state-machine';

describe('the round state machine', () => {
  const pm = ['programme_manager'] as const;

  it.each([
    ['draft', ['open', 'cancelled']],
    ['open', ['assessment', 'cancelled']],
    ['assessment', ['exploration', 'cancelled']],
    ['exploration', ['accelerator', 'cancelled']],
    ['accelerator', ['completed', 'cancelled']],
    ['completed', []],
    ['cancelled', []],
  ] as const)('from %s allows exactly %j', (from, targets) => {
    expect(ROUND_STATE_MACHINE.targetsFrom(from).sort()).toEqual([...targets].sort());
  });

  it('walks the whole life of a round', () => {
    const path = [
      'draft',
      'open',
      'assessment',
      'exploration',
      'accelerator',
      'completed',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect(() =>
        ROUND_STATE_MACHINE.check({ from: path[i - 1], to: path[i], actors: pm }),
      ).not.toThrow();
    }
  });

  it('refuses skipping a stage with 409 listing the allowed targets', () => {
    try {
      ROUND_STATE_MACHINE.check({ from: 'draft', to: 'assessment', actors: pm });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as InvalidTransitionError).status).toBe(409);
      expect((error as InvalidTransitionError).extensions.allowed).toEqual(['open', 'cancelled']);
    }
  });

  it('lets nobody but a programme manager move a round', () => {
    expect(() => ROUND_STATE_MACHINE.check({ from: 'draft', to: 'open', actors: [] })).toThrow(
      ForbiddenError,
    );
  });

  it('needs a reason to cancel', () => {
    expect(() => ROUND_STATE_MACHINE.check({ from: 'open', to: 'cancelled', actors: pm })).toThrow(
      ValidationFailedError,
    );
    expect(() =>
      ROUND_STATE_MACHINE.check({ from: 'open', to: 'cancelled', actors: pm, reason: '  ' }),
    ).toThrow(ValidationFailedError);
    expect(() =>
      ROUND_STATE_MACHINE.check({ from: 'open', to: 'cancelled', actors: pm, reason: 'No budget' }),
    ).not.toThrow();
  });

  it('never leaves a final state', () => {
    for (const to of ROUND_STATUSES) {
      expect(() => ROUND_STATE_MACHINE.check({ from: 'completed', to, actors: pm })).toThrow(
        InvalidTransitionError,
      );
    }
  });
});
