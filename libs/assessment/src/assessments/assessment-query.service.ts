import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Page, mapPage, paginate } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { Assessment } from './assessment.entity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import {
  AssessmentSummaryView,
  AssessmentView,
  assessmentMoves,
  toSummary,
} from './assessment.view';
import { AssessmentReader } from './assessment.reader';
import { ListAssessmentsQuery } from './list-assessments.query';

/** Reading assessments: one in full, or a page of summaries (one query per page). */
@Injectable()
export class AssessmentQueryService {
  constructor(
    @InjectRepository(Assessment) private readonly assessments: Repository<Assessment>,
    private readonly reader: AssessmentReader,
    private readonly policy: AssessmentPolicy,
  ) {}

  get(actor: Actor, id: string): Promise<AssessmentView> {
    return this.reader.view(actor, id);
  }

  async list(actor: Actor, query: ListAssessmentsQuery): Promise<Page<AssessmentSummaryView>> {
    const qb = this.assessments.createQueryBuilder('a');
    const scope = this.policy.assessmentListScope(actor, query);
    const scoped: string[] = [];
    if (scope.assessorUserId !== 'anyone') scoped.push('a.assessorUserId = :assessor');
    if (scope.programmeIds !== 'any') {
      scoped.push(scope.programmeIds.length ? 'a.programmeId IN (:...scopeProgrammes)' : 'false');
    }
    const where = scoped.length ? scoped.join(' AND ') : 'true';
    qb.andWhere(scope.ownAnywhere ? `((${where}) OR a.assessorUserId = :own)` : where, {
      assessor: scope.assessorUserId,
      scopeProgrammes: scope.programmeIds,
      own: scope.ownAnywhere,
    });
    if (query.challengeId) qb.andWhere('a.challengeId = :challengeId', query);
    if (query.applicationId) qb.andWhere('a.applicationId = :applicationId', query);
    if (query.stage) qb.andWhere('a.stageKey = :stage', query);
    if (query.status) qb.andWhere('a.status = :status', query);
    const page = await paginate(qb, {
      alias: 'a',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (a) => toSummary(a, assessmentMoves(this.policy, actor, a)));
  }
}
