import { publishes } from '@catalyst/audit';
import { BUILD_REPORT_JOB } from './build/build-report.job';

/**
 * The reporting library's domain events (see DomainEvents in libs/audit), audited on the
 * report (`entityType: 'report'`) with its programme when it has one.
 *
 * - `report.requested`: a report row was created; published, so the worker builds it;
 * - `report.ready`: its file is stored. Declared for the notifications context to subscribe
 *   to (the weekly sponsor digest is delivered to the organisation's members that way:
 *   `requesterOrganisationId` set, `requesterUserId` null);
 * - `report.failed`: the build ended with `error`.
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'report.requested': {
      kind: string;
      format: string;
      roundId: string | null;
      sponsorOrganisationId: string | null;
      period: string | null;
      requesterOrganisationId: string | null;
    };
    'report.ready': {
      kind: string;
      format: string;
      requesterUserId: string | null;
      requesterOrganisationId: string | null;
      sponsorOrganisationId: string | null;
      fileName: string;
      sizeBytes: number;
      expiresAt: string;
    };
    'report.failed': { kind: string; error: string };
  }
}

// One report is one build job, however often its event is relayed.
publishes('report.requested', {
  job: BUILD_REPORT_JOB,
  jobId: (e) => `build-report.${e.entityId}`,
  jobData: (e) => ({ reportId: e.entityId }),
});
