import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { FieldProblem, Page, ValidationFailedError, paginate } from '@catalyst/common';
import { Actor, OrganisationDirectory, assertAllowed, assertVisible } from '@catalyst/identity';
import { Round } from '../rounds/round.entity';
import { RoundsPolicy } from '../rounds/round.policy';
import {
  budgetProblems,
  normaliseBudget,
  normaliseQuestions,
  normaliseRubric,
  normaliseTags,
  questionProblems,
  rubricProblems,
} from './challenge-content.rules';
import { CHALLENGE_APPLICATIONS, ChallengeApplicationsPort } from './challenge-applications.port';
import { Challenge } from './challenge.entity';
import { applyChallengeFilters } from './challenge.filters';
import { ChallengePolicy, PUBLIC_CHALLENGE_STATUSES } from './challenge.policy';
import type { ChallengeQueryDto } from './list-challenges.query';
import type { ChallengeBudget, ChallengeQuestion, RubricCriterion } from './challenge.types';
import type { CreateChallengeDto } from './create-challenge.dto';
import { ChallengeRoundNotAcceptingError, ChallengeSponsorRequiredError } from './challenge.errors';

/** A round's challenges at a glance (ChallengesService.summaryByRound). */
export interface RoundChallengeSummary {
  total: number;
  published: number;
  /** Proposed by their sponsor, waiting for a programme manager's approval. */
  awaitingApproval: { id: string; title: string }[];
}

/** Round states in which challenges may still be proposed and published. */
export const ROUND_STATES_TAKING_CHALLENGES = ['draft', 'open'] as const;

/** Proposing, reading and listing challenges. */
@Injectable()
export class ChallengesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Challenge) private readonly challenges: Repository<Challenge>,
    private readonly policy: ChallengePolicy,
    private readonly roundsPolicy: RoundsPolicy,
    private readonly audit: AuditService,
    @Inject(CHALLENGE_APPLICATIONS) private readonly applications: ChallengeApplicationsPort,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async create(actor: Actor, roundId: string, dto: CreateChallengeDto): Promise<Challenge> {
    const refusal =
      'You may propose challenges only for a sponsor organisation you belong to as a sponsor.';
    assertAllowed(this.policy.canProposeFor(actor, dto.sponsorOrganisationId), refusal);
    const round = await this.dataSource.getRepository(Round).findOneBy({ id: roundId });
    assertVisible(!!round && this.roundsPolicy.canSee(actor, round), 'Round', roundId);
    assertAllowed(
      this.policy.canCreateIn(actor, dto.sponsorOrganisationId, round as Round),
      refusal,
    );
    assertContentValid({
      questions: dto.questions,
      rubric: dto.rubric,
      budget: dto.budget,
    });
    const status = (round as Round).status;
    if (!(ROUND_STATES_TAKING_CHALLENGES as readonly string[]).includes(status)) {
      throw new ChallengeRoundNotAcceptingError(status);
    }
    if ((await this.organisations.kindOf(dto.sponsorOrganisationId)) !== 'sponsor') {
      throw new ChallengeSponsorRequiredError();
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const challenge = manager.create(Challenge, {
        roundId,
        programmeId: (round as Round).programmeId,
        sponsorOrganisationId: dto.sponsorOrganisationId,
        title: dto.title.trim(),
        summary: dto.summary.trim(),
        problemStatement: dto.problemStatement.trim(),
        tags: normaliseTags(dto.tags),
        budget: normaliseBudget(dto.budget),
        questions: normaliseQuestions(dto.questions),
        rubric: normaliseRubric(dto.rubric),
        status: 'draft',
        publishedAt: null,
        createdByUserId: actor.userId,
      });
      const saved = await manager.save(challenge);
      await this.audit.record(manager, {
        actor,
        action: 'challenge.created',
        programmeId: saved.programmeId,
        entityType: 'challenge',
        entityId: saved.id,
        to: saved.status,
        data: { roundId, sponsorOrganisationId: saved.sponsorOrganisationId, title: saved.title },
      });
      return saved.id;
    });
    return this.load(id) as Promise<Challenge>;
  }

  async get(actor: Actor, id: string): Promise<Challenge> {
    const challenge = await this.load(id);
    assertVisible(!!challenge && this.canSee(actor, challenge), 'Challenge', id);
    return challenge as Challenge;
  }

  /**
   * One query per page whatever its size: round and sponsor come by join. Newest first.
   * Programme managers see every challenge of their programmes; sponsors their
   * organisation's; everyone (but a programme manager with no other role) public ones of
   * announced rounds (ChallengePolicy.listScope).
   */
  list(actor: Actor, query: ChallengeQueryDto): Promise<Page<Challenge>> {
    const qb = applyChallengeFilters(this.withRefs(this.challenges.createQueryBuilder('c')), query);
    this.applyListScope(qb, actor);
    return paginate(qb, {
      alias: 'c',
      sortExpression: 'c.created_at',
      sortType: 'timestamptz',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  /** ChallengePolicy.listScope as SQL, on a query with the challenge `c` and its round `r`. */
  private applyListScope(qb: SelectQueryBuilder<Challenge>, actor: Actor): void {
    const scope = this.policy.listScope(actor);
    const clauses: string[] = [];
    if (scope.managedProgrammeIds.length) {
      clauses.push('c.programme_id IN (:...scopeProgrammes)');
      qb.setParameter('scopeProgrammes', scope.managedProgrammeIds);
    }
    if (scope.organisationIds.length) {
      clauses.push('c.sponsor_organisation_id IN (:...ownOrgs)');
      qb.setParameter('ownOrgs', scope.organisationIds);
    }
    if (scope.publicOnes) {
      const announced = scope.announcedRoundsOnly ? ` AND r.status <> 'draft'` : '';
      clauses.push(`(c.status IN (:...publicStatuses)${announced})`);
      qb.setParameter('publicStatuses', PUBLIC_CHALLENGE_STATUSES);
    }
    qb.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : 'false');
  }

  /**
   * Per round of `roundIds`, its challenges the caller may see (as list() scopes them): how
   * many, how many published, and those proposed and waiting for approval (newest first). One
   * statement whatever the number of rounds.
   */
  async summaryByRound(
    actor: Actor,
    roundIds: string[],
  ): Promise<Map<string, RoundChallengeSummary>> {
    const out = new Map<string, RoundChallengeSummary>();
    if (!roundIds.length) return out;
    const qb = this.challenges
      .createQueryBuilder('c')
      .innerJoin('c.round', 'r')
      .select('c.round_id', 'roundId')
      .addSelect('COUNT(*)::int', 'total')
      .addSelect(`(COUNT(*) FILTER (WHERE c.status = 'published'))::int`, 'published')
      .addSelect(
        `COALESCE(json_agg(json_build_object('id', c.id, 'title', c.title)
                   ORDER BY c.created_at DESC, c.id DESC) FILTER (WHERE c.status = 'submitted'), '[]')`,
        'awaitingApproval',
      )
      .where('c.round_id IN (:...summaryRounds)', { summaryRounds: roundIds })
      .groupBy('c.round_id');
    this.applyListScope(qb, actor);
    const rows = await qb.getRawMany<RoundChallengeSummary & { roundId: string }>();
    for (const { roundId, ...summary } of rows) out.set(roundId, summary);
    return out;
  }

  /** A challenge with its round and sponsor, or null. */
  load(id: string, manager: EntityManager = this.dataSource.manager): Promise<Challenge | null> {
    return this.withRefs(manager.createQueryBuilder(Challenge, 'c'))
      .where('c.id = :id', { id })
      .getOne();
  }

  /** ChallengePolicy.canSeeInRound (kept here for the services that ask this one). */
  canSee(actor: Actor, challenge: Challenge): boolean {
    return this.policy.canSeeInRound(actor, challenge);
  }

  /**
   * Whether any live (not withdrawn) application exists for the challenge, drafts included:
   * once one does, the questions and rubric are frozen. Asked of the applications context
   * through its port.
   */
  hasApplications(
    challengeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return this.applications.hasLiveApplications(challengeId, manager);
  }

  private withRefs(qb: SelectQueryBuilder<Challenge>): SelectQueryBuilder<Challenge> {
    return qb.innerJoinAndSelect('c.round', 'r').innerJoinAndSelect('c.sponsorOrganisation', 'o');
  }
}

/** 400 listing every problem with the questions, rubric and budget. */
export function assertContentValid(content: {
  questions?: readonly ChallengeQuestion[];
  rubric?: readonly RubricCriterion[];
  budget?: ChallengeBudget;
}): void {
  const problems: FieldProblem[] = [
    ...(content.questions ? questionProblems(content.questions) : []),
    ...(content.rubric ? rubricProblems(content.rubric) : []),
    ...(content.budget ? budgetProblems(content.budget) : []),
  ];
  if (problems.length) {
    throw new ValidationFailedError(
      'The challenge’s questions, rubric or budget do not hold together.',
      problems,
    );
  }
}
