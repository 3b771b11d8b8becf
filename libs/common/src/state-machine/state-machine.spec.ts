import { ForbiddenError, InvalidTransitionError } from '../errors/domain-errors';
import { StateMachine } from './state-machine';
import { allowedTransitions } from './transition-use-case';

type S = 'draft' | 'submitted' | 'approved' | 'closed';
type A = 'owner' | 'manager';

const machine = new StateMachine<S, A>(
  'thing',
  ['draft', 'submitted', 'approved', 'closed'],
  [
    { from: ['draft'], to: 'submitted', by: ['owner'] },
    { from: ['submitted'], to: 'draft', by: ['owner'] },
    { from: ['submitted'], to: 'draft', by: ['manager'], reasonRequired: true },
    { from: ['submitted'], to: 'approved', by: ['manager'] },
    { from: ['approved'], to: 'closed', by: ['manager'], reasonRequired: true },
  ],
);

describe('the shared state machine', () => {
  it('lists each caller’s moves with whether they need a reason, by the rule check() uses', () => {
    expect(machine.allowedFor('submitted', ['owner'])).toEqual([
      { to: 'draft', reasonRequired: false },
    ]);
    expect(machine.allowedFor('submitted', ['manager'])).toEqual([
      { to: 'draft', reasonRequired: true },
      { to: 'approved', reasonRequired: false },
    ]);
    expect(machine.allowedFor('closed', ['owner', 'manager'])).toEqual([]);
    expect(machine.allowedFor('draft', [])).toEqual([]);
  });

  it('adds reasons the table cannot know', () => {
    expect(allowedTransitions(machine, 'draft', ['owner'], (to) => to === 'submitted')).toEqual([
      { to: 'submitted', reasonRequired: true },
    ]);
  });

  it('settles the role before the state: 403 for a move the caller may never make', () => {
    expect(() => machine.check({ from: 'closed', to: 'approved', actors: ['owner'] })).toThrow(
      ForbiddenError,
    );
    expect(() => machine.check({ from: 'closed', to: 'approved', actors: ['manager'] })).toThrow(
      InvalidTransitionError,
    );
    // A caller who is none of the table's actors for this row: 403 whatever the state.
    expect(() => machine.check({ from: 'closed', to: 'draft', actors: [] })).toThrow(
      ForbiddenError,
    );
  });
});
