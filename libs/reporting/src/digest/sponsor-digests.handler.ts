import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@catalyst/common';
import { HandlesJob, JobHandler, JobPayload } from '@catalyst/queues';
import { dateIn } from '../kinds/build-context';
import { lastFullWeek } from '../reports/report-period';
import { Report } from '../reports/report.entity';
import { ReportsService } from '../reports/reports.service';
import { SPONSOR_DIGESTS_JOB } from './sponsor-digests.job';

/**
 * The weekly digests: for every sponsor organisation with a challenge, one HTML digest of the
 * last full week, requested by the organisation itself (its members read it; the notifications
 * context can deliver it on `report.ready`). The report's unique key
 * `sponsor-digest.<organisation>.<week start>` makes a second run of the same week a no-op,
 * however many workers run it.
 */
@Injectable()
@HandlesJob(SPONSOR_DIGESTS_JOB)
export class SponsorDigestsHandler implements JobHandler<JobPayload<typeof SPONSOR_DIGESTS_JOB>> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(data: JobPayload<typeof SPONSOR_DIGESTS_JOB>): Promise<{ requested: number }> {
    const today = data.today ?? dateIn(this.config.appTimezone, this.clock.now());
    const period = lastFullWeek(today);
    const sponsors = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT sponsor_organisation_id AS id FROM challenges ORDER BY 1`,
    );
    let requested = 0;
    for (const { id } of sponsors) {
      const created = await this.dataSource.transaction(async (manager) => {
        const scope = {
          roundId: null,
          sponsorOrganisationId: id,
          periodFrom: period.from,
          periodTo: period.to,
          programmeId: null,
          programmeIds: null,
        };
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Report)
          .values({
            kind: 'sponsor_digest',
            format: 'html',
            requesterOrganisationId: id,
            dedupKey: `sponsor-digest.${id}.${period.from}`,
            ...scope,
          })
          .orIgnore()
          .returning('id')
          .execute();
        const reportId = (inserted.raw as { id: string }[])[0]?.id;
        if (!reportId) return false;
        await this.reports.recordRequested(
          manager,
          null,
          reportId,
          'sponsor_digest',
          'html',
          scope,
          id,
        );
        return true;
      });
      if (created) requested++;
    }
    return { requested };
  }
}
