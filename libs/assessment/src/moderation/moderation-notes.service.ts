import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, NotFoundError, Page, PageQueryDto, mapPage, paginate } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy, ChallengeFacts } from '../policy/assessment.policy';
import { conflictedSql } from '../shared/assessor-conflicts';
import { ModerationNote } from './moderation-note.entity';
import { ModerationNoteView } from './moderation-note.dto';

interface ApplicationFacts extends ChallengeFacts {
  applicationId: string;
  /** The caller declared a conflict with the company, or is one of its members. */
  callerConflicted: boolean;
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

  async add(actor: Actor, applicationId: string, body: string): Promise<ModerationNoteView> {
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.load(manager, actor, applicationId);
      this.policy.assertCanModerate(actor, facts, applicationId, facts.callerConflicted);
      const note = await manager.save(
        manager.create(ModerationNote, {
          applicationId,
          challengeId: facts.id,
          authorUserId: actor.userId,
          body: body.trim(),
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'moderation_note.added',
        entityType: 'application',
        entityId: applicationId,
        data: { moderationNoteId: note.id },
      });
      return toView(note, actor.name);
    });
  }

  async list(
    actor: Actor,
    applicationId: string,
    page: PageQueryDto,
  ): Promise<Page<ModerationNoteView>> {
    const facts = await this.load(this.dataSource.manager, actor, applicationId);
    this.policy.assertCanModerate(actor, facts, applicationId, facts.callerConflicted);
    const qb = this.notes
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.author', 'u')
      .where('n.applicationId = :applicationId', { applicationId });
    const result = await paginate(qb, {
      alias: 'n',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    return mapPage(result, (n) => toView(n, n.author?.name ?? ''));
  }

  /** Drafts are the company's own business: they have no moderation thread (404). */
  private async load(
    manager: EntityManager,
    actor: Actor,
    applicationId: string,
  ): Promise<ApplicationFacts> {
    const rows: {
      challenge_id: string;
      sponsor_organisation_id: string;
      blind_review: boolean;
      is_panel_member: boolean;
      caller_conflicted: boolean;
    }[] = await manager.query(
      `SELECT ap.challenge_id, c.sponsor_organisation_id, r.blind_review,
              EXISTS (SELECT 1 FROM challenge_assessors ca
                       WHERE ca.challenge_id = ap.challenge_id AND ca.user_id = $2) AS is_panel_member,
              ${conflictedSql('$2::uuid', 'ap.startup_organisation_id')} AS caller_conflicted
         FROM applications ap
         JOIN challenges c ON c.id = ap.challenge_id
         JOIN rounds r ON r.id = c.round_id
        WHERE ap.id = $1 AND ap.status <> 'draft'`,
      [applicationId, actor.userId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Application', applicationId);
    return {
      applicationId,
      id: row.challenge_id,
      sponsorOrganisationId: row.sponsor_organisation_id,
      blindReview: row.blind_review,
      isPanelMember: row.is_panel_member,
      callerConflicted: row.caller_conflicted,
    };
  }
}

function toView(note: ModerationNote, authorName: string): ModerationNoteView {
  return {
    id: note.id,
    applicationId: note.applicationId,
    authorUserId: note.authorUserId,
    authorName,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}
