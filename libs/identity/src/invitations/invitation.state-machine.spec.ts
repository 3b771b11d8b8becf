import { ForbiddenError, InvalidTransitionError } from '@catalyst/common';
import { invitationMachine, invitationStatus } from './invitation.state-machine';

const now = new Date('2027-01-15T09:00:00Z');
const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2027-01-22T09:00:00Z') };

describe('invitation status', () => {
  it('is pending until it expires, then expired', () => {
    expect(invitationStatus(base, now)).toBe('pending');
    expect(invitationStatus(base, new Date('2027-01-22T09:00:00Z'))).toBe('expired');
  });

  it('is accepted or revoked once that happened, whatever the clock says', () => {
    const late = new Date('2028-01-01T00:00:00Z');
    expect(invitationStatus({ ...base, acceptedAt: now }, late)).toBe('accepted');
    expect(invitationStatus({ ...base, revokedAt: now }, late)).toBe('revoked');
  });

  it('lets the invitee accept and the inviter revoke a pending invitation only', () => {
    expect(
      invitationMachine.check({ from: 'pending', to: 'accepted', actors: ['invitee'] }).to,
    ).toBe('accepted');
    expect(
      invitationMachine.check({ from: 'pending', to: 'revoked', actors: ['inviter'] }).to,
    ).toBe('revoked');
    expect(() =>
      invitationMachine.check({ from: 'pending', to: 'revoked', actors: ['invitee'] }),
    ).toThrow(ForbiddenError);
    for (const from of ['accepted', 'revoked', 'expired'] as const) {
      expect(() => invitationMachine.check({ from, to: 'accepted', actors: ['invitee'] })).toThrow(
        InvalidTransitionError,
      );
    }
  });
});
