import { ForbiddenError, InvalidTransitionError, ValidationFailedError } from '@catalyst/common';
import {
  CHALLENGE_STATE_MACHINE,
  ChallengeActor,
  ChallengeStatus,
} from './challenge.state-machine';

const sponsor: ChallengeActor[] = ['sponsor'];
const pm: ChallengeActor[] = ['programme_manager'];

function outcome(from: ChallengeStatus, to: ChallengeStatus, actors: ChallengeActor[]) {
  try {
    CHALLENGE_STATE_MACHINE.check({ from, to, actors, reason: 'because' });
    return 'ok';
  } catch (error) {
    if (error instanceof InvalidTransitionError) return 409;
    if (error instanceof ForbiddenError) return 403;
    throw error;
  }
}

describe('the challenge state machine', () => {
  it.each([
    ['draft', ['submitted', 'withdrawn']],
    ['submitted', ['draft', 'approved', 'withdrawn']],
    ['approved', ['draft', 'published', 'withdrawn']],
    ['published', ['closed', 'withdrawn']],
    ['closed', []],
    ['withdrawn', []],
  ] as const)('from %s allows exactly %j', (from, targets) => {
    expect(CHALLENGE_STATE_MACHINE.targetsFrom(from).sort()).toEqual([...targets].sort());
  });

  // Who may make each move: sponsors draft, submit and withdraw their own; programme managers
  // approve, publish, close and send back.
  it.each([
    ['draft', 'submitted', 'ok', 'ok'],
    ['submitted', 'draft', 'ok', 'ok'],
    ['submitted', 'approved', 403, 'ok'],
    ['approved', 'draft', 403, 'ok'],
    ['approved', 'published', 403, 'ok'],
    ['published', 'closed', 403, 'ok'],
    ['draft', 'withdrawn', 'ok', 'ok'],
    ['published', 'withdrawn', 'ok', 'ok'],
    // Role before state: a sponsor may never publish, so that is 403 whatever the state.
    ['draft', 'published', 403, 409],
    ['closed', 'published', 403, 409],
  ] as const)('%s → %s: sponsor %s, programme manager %s', (from, to, bySponsor, byPm) => {
    expect(outcome(from, to, sponsor)).toBe(bySponsor);
    expect(outcome(from, to, pm)).toBe(byPm);
  });

  it('refuses callers with no role on the challenge', () => {
    expect(outcome('draft', 'submitted', [])).toBe(403);
  });

  it('needs a reason to withdraw, and for a programme manager to send one back', () => {
    expect(() =>
      CHALLENGE_STATE_MACHINE.check({ from: 'published', to: 'withdrawn', actors: sponsor }),
    ).toThrow(ValidationFailedError);
    expect(() =>
      CHALLENGE_STATE_MACHINE.check({ from: 'submitted', to: 'draft', actors: pm }),
    ).toThrow(ValidationFailedError);
    // The sponsor pulling back its own submission needs no reason.
    expect(() =>
      CHALLENGE_STATE_MACHINE.check({ from: 'submitted', to: 'draft', actors: sponsor }),
    ).not.toThrow();
  });
});
