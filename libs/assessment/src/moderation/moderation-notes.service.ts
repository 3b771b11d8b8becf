import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, NotFoundError, Page, PageQueryDto, mapPage, paginate } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy, ChallengeFacts } from '../policy/assessment.policy';
import type { AnswerValue } from '@catalyst/applications';
import type { ChallengeQuestion } from '@catalyst/rounds';
import { redactor, urlAnswers } from '../assessments/reviewer-answers';
import { conflictedSql } from '../shared/assessor-conflicts';
import { ModerationNote } from './moderation-note.entity';
import { ModerationNoteView } from './moderation-note.dto';
import { DEFAULT_STAGE_KEY, STAGE_BLIND_SQL } from '../stages/stage.constants';

interface ApplicationFacts extends ChallengeFacts {
  applicationId: string;
  /** The caller declared a conflict with the company, or is one of its members. */
  callerConflicted: boolean;
  /** What the caller reads notes through: the blind redaction, or nothing. */
  shown: (text: string) => string;
}

/** A private thread per application for the challenge's panel and programme managers. */
@Injectable()
export class ModerationNotesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ModerationNote) private readonly notes: Repository<ModerationNote>,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async add(
    actor: Actor,
    applicationId: string,
    body: string,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<ModerationNoteView> {
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.load(manager, actor, applicationId, stageKey);
      this.policy.assertCanModerate(actor, facts, applicationId, facts.callerConflicted);
      const note = await manager.save(
        manager.create(ModerationNote, {
          applicationId,
          challengeId: facts.id,
          authorUserId: actor.userId,
          stageKey,
          body: body.trim(),
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'moderation_note.added',
        programmeId: facts.programmeId,
        entityType: 'application',
        entityId: applicationId,
        data:
          stageKey === DEFAULT_STAGE_KEY
            ? { moderationNoteId: note.id }
            : { moderationNoteId: note.id, stage: stageKey },
      });
      return toView(note, actor.name, facts.shown);
    });
  }

  async list(
    actor: Actor,
    applicationId: string,
    page: PageQueryDto,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<Page<ModerationNoteView>> {
    const facts = await this.load(this.dataSource.manager, actor, applicationId, stageKey);
    this.policy.assertCanModerate(actor, facts, applicationId, facts.callerConflicted);
    const qb = this.notes
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.author', 'u')
      .where('n.applicationId = :applicationId AND n.stageKey = :stageKey', {
        applicationId,
        stageKey,
      });
    const result = await paginate(qb, {
      alias: 'n',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    return mapPage(result, (n) => toView(n, n.author?.name ?? '', facts.shown));
  }

  /** Drafts are the company's own business: they have no moderation thread (404). */
  private async load(
    manager: EntityManager,
    actor: Actor,
    applicationId: string,
    stageKey: string,
  ): Promise<ApplicationFacts> {
    const rows: {
      challenge_id: string;
      programme_id: string;
      sponsor_organisation_id: string;
      blind_review: boolean;
      stage_id: string | null;
      is_panel_member: boolean;
      caller_conflicted: boolean;
      questions: ChallengeQuestion[];
      answers: Record<string, AnswerValue>;
      company_name: string;
      company_website: string | null;
      company_members: { name: string; email: string }[];
    }[] = await manager.query(
      `SELECT ap.challenge_id, c.programme_id, c.sponsor_organisation_id,
              ${STAGE_BLIND_SQL} AS blind_review, st.id AS stage_id,
              c.questions, ap.answers,
              o.name AS company_name, o.website AS company_website,
              COALESCE((SELECT json_agg(json_build_object('name', u.name, 'email', u.email))
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.organisation_id = ap.startup_organisation_id), '[]')
                AS company_members,
              EXISTS (SELECT 1 FROM challenge_assessors ca
                       WHERE ca.challenge_id = ap.challenge_id AND ca.user_id = $2) AS is_panel_member,
              ${conflictedSql('$2::uuid', 'ap.startup_organisation_id', 'ap.challenge_id')} AS caller_conflicted
         FROM applications ap
         JOIN organisations o ON o.id = ap.startup_organisation_id
         JOIN challenges c ON c.id = ap.challenge_id
         JOIN rounds r ON r.id = c.round_id
         LEFT JOIN assessment_stages st ON st.challenge_id = ap.challenge_id AND st.key = $3
        WHERE ap.id = $1 AND ap.status <> 'draft'`,
      [applicationId, actor.userId, stageKey],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Application', applicationId);
    if (!row.stage_id && stageKey !== DEFAULT_STAGE_KEY) throw new NotFoundError('Stage', stageKey);
    // A blind panel reads every note (a programme manager's included) through the same
    // redaction as the answers, so a note cannot name the company to them.
    const blind = !this.policy.seesIdentity(actor, {
      blindReview: row.blind_review,
      programmeId: row.programme_id,
    });
    return {
      applicationId,
      id: row.challenge_id,
      programmeId: row.programme_id,
      sponsorOrganisationId: row.sponsor_organisation_id,
      blindReview: row.blind_review,
      isPanelMember: row.is_panel_member,
      callerConflicted: row.caller_conflicted,
      shown: blind
        ? redactor(
            {
              name: row.company_name,
              website: row.company_website,
              members: row.company_members,
            },
            urlAnswers(row.questions ?? [], row.answers ?? {}),
          )
        : (text) => text,
    };
  }
}

function toView(
  note: ModerationNote,
  authorName: string,
  shown: (text: string) => string,
): ModerationNoteView {
  return {
    id: note.id,
    applicationId: note.applicationId,
    stage: note.stageKey,
    authorUserId: note.authorUserId,
    authorName,
    body: shown(note.body),
    createdAt: note.createdAt.toISOString(),
  };
}
