import { ForbiddenError } from '@catalyst/common';

/**
 * The caller as the audit trail needs to know it. libs/identity's Actor satisfies it; it is
 * declared here because identity depends on this library (it writes audit events), not the
 * other way round.
 */
export interface AuditReader {
  readonly isProgrammeManager: boolean;
  readonly isInstanceAdmin: boolean;
  readonly managedProgrammeIds: readonly string[];
  /** The operator organisations the reader is a programme manager of. */
  readonly managedOperatorIds: readonly string[];
}

/**
 * Who may read the audit trail: programme managers only, and of it the events of their own
 * programmes plus the instance-level ones (programme null: sponsors, startups, users, which
 * every programme shares). The trail names every actor and every decision, so nobody else
 * reads it, whatever the route says; another programme's events are not theirs to read.
 *
 * Operator organisations are not shared (another operator is 404 to a programme manager): an
 * instance-level event about one (its edits, the invitations into it and its memberships, the
 * accounts made by joining it) is read by that operator's programme managers and by instance
 * administrators, who look after every operator, and by nobody else.
 */
export const AuditPolicy = {
  canRead(reader: AuditReader): boolean {
    return reader.isProgrammeManager;
  },

  assertCanRead(reader: AuditReader): void {
    if (!AuditPolicy.canRead(reader)) {
      throw new ForbiddenError('Only programme managers read the audit trail.');
    }
  },

  /** The programmes whose events the reader sees (besides the instance-level ones). */
  programmeScope(reader: AuditReader): string[] {
    return [...reader.managedProgrammeIds];
  },

  /** The operator organisations whose instance-level events the reader sees. */
  operatorScope(reader: AuditReader): 'all' | string[] {
    return reader.isInstanceAdmin ? 'all' : [...reader.managedOperatorIds];
  },
};
