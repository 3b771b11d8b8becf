import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, diff } from '@catalyst/audit';
import { ForbiddenError, assertVersion } from '@catalyst/common';
import { Actor, assertVisible } from '@catalyst/identity';
import { Round } from '../rounds/round.entity';
import { canonical } from '../shared/canonical';
import {
  normaliseBudget,
  normaliseQuestions,
  normaliseRubric,
  normaliseTags,
} from './challenge-content.rules';
import { Challenge } from './challenge.entity';
import { ChallengePolicy } from './challenge.policy';
import { ChallengesService, assertContentValid } from './challenges.service';
import type { UpdateChallengeDto } from './update-challenge.dto';
import { ChallengeHasApplicationsError, ChallengeNotEditableError } from './challenge.errors';

const EDITABLE = [
  'title',
  'summary',
  'problemStatement',
  'tags',
  'budget',
  'questions',
  'rubric',
] as const;

/**
 * Editing a challenge: its owning sponsor while it is draft or submitted, a programme manager
 * until it is closed or withdrawn. Questions and rubric freeze once applications exist.
 */
@Injectable()
export class UpdateChallengeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly policy: ChallengePolicy,
    private readonly audit: AuditService,
  ) {}

  async update(
    actor: Actor,
    id: string,
    dto: UpdateChallengeDto,
    ifMatch?: number,
  ): Promise<Challenge> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(Challenge, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const round = current ? await manager.findOneBy(Round, { id: current.roundId }) : null;
      const visible =
        !!current &&
        this.challenges.canSee(actor, Object.assign(current, { round: round ?? undefined }));
      assertVisible(visible, 'Challenge', id);
      const challenge = current as Challenge;
      // Role before state: someone who may never edit it (another organisation's sponsor
      // reading a public challenge) is told 403, not what state it is in.
      if (this.policy.actorsFor(actor, challenge).length === 0) {
        throw new ForbiddenError('Only its sponsor and programme managers edit a challenge.');
      }
      assertVersion('challenge', ifMatch, challenge.version);
      const decision = this.policy.canEdit(actor, challenge);
      if (decision === 'final') {
        throw new ChallengeNotEditableError(challenge.status);
      }
      if (decision === 'forbidden') {
        throw new ForbiddenError(
          'Sponsors edit their own challenges while draft or submitted; after that, ask a programme manager.',
        );
      }
      assertContentValid(dto);

      const next: Challenge = Object.assign(new Challenge(), challenge, {
        title: dto.title?.trim() ?? challenge.title,
        summary: dto.summary?.trim() ?? challenge.summary,
        problemStatement: dto.problemStatement?.trim() ?? challenge.problemStatement,
        tags: dto.tags ? normaliseTags(dto.tags) : challenge.tags,
        budget: dto.budget ? normaliseBudget(dto.budget) : challenge.budget,
        questions: dto.questions ? normaliseQuestions(dto.questions) : challenge.questions,
        rubric: dto.rubric ? normaliseRubric(dto.rubric) : challenge.rubric,
      });
      delete next.round;
      const changes = diff(comparable(challenge), comparable(next), EDITABLE);
      if (Object.keys(changes).length === 0) return;
      if (
        ('questions' in changes || 'rubric' in changes) &&
        (await this.challenges.hasApplications(id, manager))
      ) {
        throw new ChallengeHasApplicationsError();
      }
      await manager.save(next);
      await this.audit.record(manager, {
        actor,
        action: 'challenge.updated',
        programmeId: next.programmeId,
        entityType: 'challenge',
        entityId: id,
        data: changes,
      });
    });
    return (await this.challenges.load(id)) as Challenge;
  }
}

/** The editable fields, with jsonb content in canonical key order so equal means unchanged. */
function comparable(c: Challenge): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((field) => [field, canonical(c[field])]));
}
