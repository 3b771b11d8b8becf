import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Page, ValidationFailedError, paginate } from '@catalyst/common';
import { Actor, ProgrammesService, assertAllowed, assertVisible } from '@catalyst/identity';
import type { CreateRoundDto } from './create-round.dto';
import { Round } from './round.entity';
import type { RoundQueryDto } from './list-rounds.query';
import { RoundsPolicy, roundScopeSql } from './round.policy';
import { canonicalTimeZone, scheduleProblems } from './round-schedule.rules';

/** Creating and reading rounds. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    private readonly policy: RoundsPolicy,
    private readonly audit: AuditService,
    private readonly programmes: ProgrammesService,
  ) {}

  async create(actor: Actor, dto: CreateRoundDto): Promise<Round> {
    assertAllowed(this.policy.canCreate(actor), 'Only programme managers create rounds.');
    const programme = await this.programmes.forNewRound(actor, dto.programmeId);
    const round = this.rounds.create({
      programmeId: programme.id,
      name: dto.name.trim(),
      timezone: dto.timezone
        ? (canonicalTimeZone(dto.timezone) ?? dto.timezone)
        : programme.timezone,
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
        programmeId: saved.programmeId,
        entityType: 'round',
        entityId: saved.id,
        to: saved.status,
        data: {
          name: saved.name,
          programmeId: saved.programmeId,
          opensAt: saved.opensAt,
          closesAt: saved.closesAt,
        },
      });
      return saved;
    });
  }

  /** Newest call first; only the rounds the caller may see (RoundsPolicy.listScope). */
  list(actor: Actor, query: RoundQueryDto): Promise<Page<Round>> {
    const qb = this.rounds.createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.programmeId)
      qb.andWhere('r.programme_id = :programmeId', { programmeId: query.programmeId });
    const scope = roundScopeSql(this.policy.listScope(actor));
    if (scope) qb.andWhere(scope.sql, scope.params);
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
