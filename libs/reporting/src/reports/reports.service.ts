import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { APP_CONFIG, AppConfig, Clock, NotFoundError, Page, paginate } from '@catalyst/common';
import { Actor, Organisation } from '@catalyst/identity';
import { Round } from '@catalyst/rounds';
import { dateIn } from '../kinds/build-context';
import {
  ReportNotAllowedError,
  ReportNotReadyError,
  ReportPeriodInvalidError,
  ReportScopeRequiredError,
} from '../reporting.errors';
import { CreateReportDto } from './create-report.dto';
import { ListReportsQueryDto } from './list-reports.query';
import { lastFullWeek, parsePeriod } from './report-period';
import { ReportPolicy } from './report.policy';
import { Report } from './report.entity';
import { ReportStorage } from './report.storage';
import { ReportView, reportView } from './report.view';

/** Identical requests within this window are one report (the first one's). */
export const DEDUP_WINDOW_MS = 10 * 60_000;

type Scope = Pick<
  Report,
  'roundId' | 'sponsorOrganisationId' | 'periodFrom' | 'periodTo' | 'programmeId' | 'programmeIds'
>;

/** Asking for reports, reading their state, listing the caller's and opening their files. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ReportPolicy,
    private readonly audit: AuditService,
    private readonly storage: ReportStorage,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Records the request and publishes `report.requested` (the worker builds it). The same
   * request by the same person within DEDUP_WINDOW_MS returns the report already asked for.
   */
  async request(actor: Actor, dto: CreateReportDto): Promise<ReportView> {
    if (!this.policy.mayAskAtAll(actor)) throw new ReportNotAllowedError();
    const scope = await this.scope(actor, dto);
    const now = this.clock.now();
    const window = Math.floor(now.getTime() / DEDUP_WINDOW_MS);
    const dedupKey = createHash('sha256')
      .update(
        JSON.stringify([
          actor.userId,
          dto.kind,
          dto.format,
          scope.roundId,
          scope.sponsorOrganisationId,
          scope.periodFrom,
          scope.periodTo,
          scope.programmeIds,
          window,
        ]),
      )
      .digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Report)
        .values({
          kind: dto.kind,
          format: dto.format,
          requesterUserId: actor.userId,
          dedupKey,
          ...scope,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) {
        const existing = await manager.findOneByOrFail(Report, { dedupKey });
        return reportView(existing);
      }
      await this.recordRequested(manager, actor.userId, id, dto.kind, dto.format, scope, null);
      return reportView(await manager.findOneByOrFail(Report, { id }));
    });
  }

  /** Writes `report.requested` (and so its outbox row) for a report just inserted. */
  async recordRequested(
    manager: EntityManager,
    userId: string | null,
    id: string,
    kind: string,
    format: string,
    scope: Scope,
    requesterOrganisationId: string | null,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor: { userId },
      action: 'report.requested',
      entityType: 'report',
      entityId: id,
      programmeId: scope.programmeId,
      data: {
        kind,
        format,
        roundId: scope.roundId,
        sponsorOrganisationId: scope.sponsorOrganisationId,
        period: scope.periodFrom ? `${scope.periodFrom}/${scope.periodTo}` : null,
        requesterOrganisationId,
      },
    });
  }

  async get(actor: Actor, id: string): Promise<ReportView> {
    return reportView(await this.visible(actor, id));
  }

  async list(actor: Actor, query: ListReportsQueryDto): Promise<Page<ReportView>> {
    const sponsorOrgs = actor.organisationIds('sponsor');
    const qb = this.dataSource.manager
      .createQueryBuilder(Report, 'report')
      .where(
        sponsorOrgs.length
          ? '(report.requester_user_id = :user OR report.requester_organisation_id = ANY(:orgs))'
          : 'report.requester_user_id = :user',
        { user: actor.userId, orgs: sponsorOrgs },
      );
    const page = await paginate(qb, {
      alias: 'report',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(reportView), nextCursor: page.nextCursor };
  }

  /** The built file: 404 as for the report, 409 `report.not_ready` while it has none. */
  async open(actor: Actor, id: string): Promise<{ report: Report; content: Readable }> {
    const report = await this.visible(actor, id);
    if (report.status !== 'done') throw new ReportNotReadyError(report.status);
    return { report, content: this.storage.read(report.id) };
  }

  private async visible(actor: Actor, id: string): Promise<Report> {
    const report = await this.dataSource.manager.findOneBy(Report, { id });
    if (!report || !this.policy.canSee(actor, report)) throw new NotFoundError('Report', id);
    return report;
  }

  /** What the report covers, checked against who asks (404 for rounds or sponsors not theirs). */
  private async scope(actor: Actor, dto: CreateReportDto): Promise<Scope> {
    const manager = this.dataSource.manager;
    const managed = actor.managedProgrammeIds;
    const sponsorOrgs = actor.organisationIds('sponsor');
    let sponsorId = dto.sponsorOrganisationId ?? null;
    if (dto.period && dto.kind !== 'sponsor_digest')
      throw new ReportPeriodInvalidError('is only for a sponsor digest');
    const scope: Scope = {
      roundId: null,
      sponsorOrganisationId: null,
      periodFrom: null,
      periodTo: null,
      programmeId: null,
      programmeIds: null,
    };
    if (sponsorId) {
      const org = await manager.findOneBy(Organisation, { id: sponsorId });
      const mine = sponsorOrgs.includes(sponsorId);
      if (!org || org.kind !== 'sponsor' || (!mine && managed.length === 0))
        throw new NotFoundError('Organisation', sponsorId);
      // A manager reads another organisation's activity within their programmes only.
      if (!mine) scope.programmeIds = [...managed];
    } else if (managed.length === 0 && sponsorOrgs.length === 1) {
      sponsorId = sponsorOrgs[0];
    } else if (managed.length === 0) {
      throw new ReportScopeRequiredError('sponsorOrganisationId', dto.kind);
    }
    scope.sponsorOrganisationId = sponsorId;

    if (dto.roundId) {
      const round = await manager.findOneBy(Round, { id: dto.roundId });
      if (!round) throw new NotFoundError('Round', dto.roundId);
      const manages = this.policy.managesRound(actor, round.programmeId);
      if (!manages) {
        // A sponsor sees its own part of a round it has challenges in; others nothing.
        const sponsors =
          sponsorId &&
          sponsorOrgs.includes(sponsorId) &&
          (
            await manager.query<unknown[]>(
              'SELECT 1 FROM challenges WHERE round_id = $1 AND sponsor_organisation_id = $2 LIMIT 1',
              [round.id, sponsorId],
            )
          ).length > 0;
        if (!sponsors) throw new NotFoundError('Round', dto.roundId);
      }
      scope.roundId = round.id;
      scope.programmeId = round.programmeId;
      scope.programmeIds = [round.programmeId];
    } else if (dto.kind === 'round_funnel' || dto.kind === 'cohort_progress') {
      throw new ReportScopeRequiredError('roundId', dto.kind);
    }

    if (dto.kind === 'sponsor_digest') {
      if (!sponsorId) throw new ReportScopeRequiredError('sponsorOrganisationId', dto.kind);
      const period = dto.period
        ? parsePeriod(dto.period)
        : lastFullWeek(dateIn(this.config.appTimezone, this.clock.now()));
      scope.periodFrom = period.from;
      scope.periodTo = period.to;
    }
    // A manager's report over no round and no sponsor covers all of their programmes.
    if (!scope.roundId && !sponsorId) scope.programmeIds = [...managed];
    if (!scope.programmeId && scope.programmeIds?.length === 1)
      scope.programmeId = scope.programmeIds[0];
    return scope;
  }
}
