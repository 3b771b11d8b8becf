import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { APP_CONFIG, AppConfig, Page, ValidationFailedError, paginate } from '@catalyst/common';
import { Actor, assertAllowed, assertVisible } from '@catalyst/identity';
import type { CreateRoundDto } from './create-round.dto';
import { Round } from './round.entity';
import type { RoundQueryDto } from './list-rounds.query';
import { RoundsPolicy } from './round.policy';
import { canonicalTimeZone, scheduleProblems } from './round-schedule.rules';

/** Creating and reading rounds. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    private readonly policy: RoundsPolicy,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateRoundDto): Promise<Round> {
    assertAllowed(this.policy.canManage(actor), 'Only programme managers create rounds.');
    const round = this.rounds.create({
      name: dto.name.trim(),
      timezone: dto.timezone
        ? (canonicalTimeZone(dto.timezone) ?? dto.timezone)
        : this.config.appTimezone,
      status: 'draft',
      opensAt: new Date(dto.opensAt),
      closesAt: new Date(dto.closesAt),
      acceleratorStartsOn: dto.acceleratorStartsOn,
      acceleratorEndsOn: dto.acceleratorEndsOn,
      demoDayOn: dto.demoDayOn ?? null,
      blindReview: dto.blindReview ?? false,
      createdByUserId: actor.userId,
    });
    const problems = scheduleProblems(round);
    if (problems.length) throw new ValidationFailedError('The round’s dates do not fit.', problems);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(round);
      await this.audit.record(manager, {
        actor,
        action: 'round.created',
        entityType: 'round',
        entityId: saved.id,
        to: saved.status,
        data: { name: saved.name, opensAt: saved.opensAt, closesAt: saved.closesAt },
      });
      return saved;
    });
  }

  /** Newest call first. Draft rounds are left out for callers who may not see them. */
  list(actor: Actor, query: RoundQueryDto): Promise<Page<Round>> {
    const qb = this.rounds.createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (!this.policy.seesDraftRounds(actor)) qb.andWhere(`r.status <> 'draft'`);
    return paginate(qb, {
      alias: 'r',
      sortExpression: 'r.opens_at',
      sortType: 'timestamptz',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  async get(actor: Actor, id: string): Promise<Round> {
    const round = await this.rounds.findOneBy({ id });
    assertVisible(!!round && this.policy.canSee(actor, round), 'Round', id);
    return round as Round;
  }
}
