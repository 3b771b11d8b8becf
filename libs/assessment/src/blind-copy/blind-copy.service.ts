import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  Clock,
  FieldProblem,
  NotFoundError,
  ValidationFailedError,
  assertVersion,
} from '@catalyst/common';
import type { AnswerValue } from '@catalyst/applications';
import { Actor } from '@catalyst/identity';
import type { ChallengeQuestion } from '@catalyst/rounds';
import { reviewerAnswers } from '../assessments/reviewer-answers';
import { AssessmentPolicy, ChallengeFacts } from '../policy/assessment.policy';
import { BlindCopyAnswer, blindCopyOrRedacted } from './blind-copy';
import { AmendBlindCopyDto, BlindCopyView } from './blind-copy.dto';
import { BlindCopy } from './blind-copy.entity';
import { BlindCopyAssessmentStartedError, BlindCopyNotBlindError } from './blind-copy.errors';

interface SourceRow {
  challenge_id: string;
  programme_id: string;
  sponsor_organisation_id: string;
  blind_review: boolean;
  is_panel_member: boolean;
  questions: ChallengeQuestion[];
  answers: Record<string, AnswerValue>;
  company_name: string;
  company_website: string | null;
  company_members: { name: string; email: string }[];
  submitted_assessments: number;
}

/**
 * The programme manager's review of the blind copy: before the panel starts, see exactly what
 * assessors will read (the automatic redaction, or an earlier amendment) and amend it. Every
 * amendment is audited with what it replaced; once an assessor has submitted scores for the
 * application the copy they read is part of the record and no longer changes.
 */
@Injectable()
export class BlindCopyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, applicationId: string): Promise<BlindCopyView> {
    const manager = this.dataSource.manager;
    const source = await this.load(manager, actor, applicationId);
    const copy = await manager.findOne(BlindCopy, { where: { applicationId } });
    return this.view(applicationId, source, copy);
  }

  async amend(
    actor: Actor,
    applicationId: string,
    dto: AmendBlindCopyDto,
    expectedVersion?: number,
  ): Promise<BlindCopyView> {
    return this.dataSource.transaction(async (manager) => {
      const source = await this.load(manager, actor, applicationId, true);
      if (!source.blind_review) {
        throw new BlindCopyNotBlindError();
      }
      if (source.submitted_assessments > 0) {
        throw new BlindCopyAssessmentStartedError();
      }
      const answers = checkAnswers(source.questions, dto);
      const before = await manager.findOne(BlindCopy, {
        where: { applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      assertVersion('blind_copy', expectedVersion, before?.version ?? 0);
      const now = this.clock.now();
      if (before) {
        await manager.update(
          BlindCopy,
          { applicationId },
          { answers, amendedByUserId: actor.userId, updatedAt: now },
        );
      } else {
        await manager.insert(BlindCopy, {
          applicationId,
          answers,
          amendedByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
      }
      await this.audit.record(manager, {
        actor,
        action: 'application.blind_copy_amended',
        programmeId: source.programme_id,
        entityType: 'application',
        entityId: applicationId,
        data: { answers: { from: before?.answers ?? null, to: answers } },
      });
      const copy = await manager.findOneOrFail(BlindCopy, { where: { applicationId } });
      return this.view(applicationId, source, copy);
    });
  }

  private view(applicationId: string, source: SourceRow, copy: BlindCopy | null): BlindCopyView {
    const redacted = reviewerAnswers(source.questions ?? [], source.answers ?? {}, true, {
      name: source.company_name,
      website: source.company_website,
      members: source.company_members,
    });
    return {
      applicationId,
      challengeId: source.challenge_id,
      blindReview: source.blind_review,
      amended: !!copy,
      amendedByUserId: copy?.amendedByUserId ?? null,
      amendedAt: copy?.updatedAt.toISOString() ?? null,
      version: copy?.version ?? 0,
      answers: blindCopyOrRedacted(redacted, copy?.answers ?? null),
    };
  }

  /** Drafts are the company's own business: they have no blind copy yet (404). */
  private async load(
    manager: EntityManager,
    actor: Actor,
    applicationId: string,
    lock = false,
  ): Promise<SourceRow> {
    const rows: SourceRow[] = await manager.query(
      `SELECT ap.challenge_id, c.programme_id, c.sponsor_organisation_id, r.blind_review,
              c.questions, ap.answers,
              EXISTS (SELECT 1 FROM challenge_assessors ca
                       WHERE ca.challenge_id = ap.challenge_id AND ca.user_id = $2) AS is_panel_member,
              o.name AS company_name, o.website AS company_website,
              COALESCE((SELECT json_agg(json_build_object('name', u.name, 'email', u.email))
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.organisation_id = ap.startup_organisation_id), '[]')
                AS company_members,
              (SELECT COUNT(*)::int FROM assessments a
                WHERE a.application_id = ap.id AND a.status = 'submitted') AS submitted_assessments
         FROM applications ap
         JOIN organisations o ON o.id = ap.startup_organisation_id
         JOIN challenges c ON c.id = ap.challenge_id
         JOIN rounds r ON r.id = c.round_id
        WHERE ap.id = $1 AND ap.status <> 'draft'
        ${lock ? 'FOR UPDATE OF ap' : ''}`,
      [applicationId, actor.userId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Application', applicationId);
    const facts: ChallengeFacts = {
      id: row.challenge_id,
      programmeId: row.programme_id,
      sponsorOrganisationId: row.sponsor_organisation_id,
      blindReview: row.blind_review,
      isPanelMember: row.is_panel_member,
    };
    this.policy.assertCanReviewBlindCopy(actor, facts, applicationId);
    return row;
  }
}

function checkAnswers(
  questions: readonly ChallengeQuestion[],
  dto: AmendBlindCopyDto,
): BlindCopyAnswer[] {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  const answers: BlindCopyAnswer[] = [];
  dto.answers.forEach((a, i) => {
    const field = `answers[${i}]`;
    const question = byKey.get(a.key);
    if (!question) return problems.push({ field: `${field}.key`, message: 'is not a question' });
    if (seen.has(a.key)) return problems.push({ field: `${field}.key`, message: 'repeats a key' });
    seen.add(a.key);
    const value = a.withheld ? null : (a.value ?? null);
    const ok =
      value === null ||
      (typeof value === 'string' && value.length <= 20000) ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      return problems.push({
        field: `${field}.value`,
        message: 'must be text (up to 20000 characters), a number or null',
      });
    }
    answers.push({ key: a.key, value, withheld: a.withheld });
  });
  if (problems.length) {
    throw new ValidationFailedError('The amended blind copy is invalid.', problems);
  }
  return answers;
}
