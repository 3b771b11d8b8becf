import { ForbiddenError } from '@catalyst/common';

/**
 * The caller as the audit trail needs to know it. libs/identity's Actor satisfies it; it is
 * declared here because identity depends on this library (it writes audit events), not the
 * other way round.
 */
export interface AuditReader {
  readonly isProgrammeManager: boolean;
  readonly managedProgrammeIds: readonly string[];
}

/**
 * Who may read the audit trail: programme managers only, and of it the events of their own
 * programmes plus the instance-level ones (programme null: organisations, users, invitations,
 * which every programme shares). The trail names every actor and every decision, so nobody
 * else reads it, whatever the route says; another programme's events are not theirs to read.
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
};
