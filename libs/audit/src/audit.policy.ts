import { ForbiddenError } from '@catalyst/common';

/**
 * The caller as the audit trail needs to know it. libs/identity's Actor satisfies it; it is
 * declared here because identity depends on this library (it writes audit events), not the
 * other way round.
 */
export interface AuditReader {
  readonly isProgrammeManager: boolean;
}

/**
 * Who may read the audit trail: programme managers only. The trail names every actor and
 * every decision across all organisations, so nobody else reads it, whatever the route says.
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
};
