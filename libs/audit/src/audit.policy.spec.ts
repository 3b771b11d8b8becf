import { ForbiddenError } from '@catalyst/common';
import { AuditPolicy, type AuditReader } from './audit.policy';

const reader = (overrides: Partial<AuditReader> = {}): AuditReader => ({
  isProgrammeManager: true,
  isInstanceAdmin: false,
  managedProgrammeIds: ['civtech'],
  managedOperatorIds: ['civtech-team'],
  ...overrides,
});

describe('AuditPolicy', () => {
  it('lets programme managers read the trail, and nobody else', () => {
    expect(AuditPolicy.canRead(reader())).toBe(true);
    expect(() => AuditPolicy.assertCanRead(reader({ isProgrammeManager: false }))).toThrow(
      ForbiddenError,
    );
  });

  it('scopes a programme manager to their programmes and their own operator', () => {
    expect(AuditPolicy.programmeScope(reader())).toEqual(['civtech']);
    expect(AuditPolicy.operatorScope(reader())).toEqual(['civtech-team']);
    expect(AuditPolicy.operatorScope(reader({ managedOperatorIds: [] }))).toEqual([]);
  });

  it('lets an instance administrator read every operator’s own events, but only their programmes’', () => {
    const admin = reader({ isInstanceAdmin: true });
    expect(AuditPolicy.operatorScope(admin)).toBe('all');
    expect(AuditPolicy.programmeScope(admin)).toEqual(['civtech']);
  });
});
