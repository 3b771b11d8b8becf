import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  Clock,
  NotFoundError,
  Page,
  PageQueryDto,
  ValidationFailedError,
  mapPage,
  paginate,
  returning,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ChallengeContext, ChallengeContextLoader } from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { InterviewSlot } from './interview-slot.entity';
import { CreateInterviewSlotDto, InterviewSlotView } from './interview-slot.dto';
import {
  ApplicationHasSlotError,
  SlotApplicationNotInStageError,
  SlotTakenError,
  StageHasNoSlotsError,
} from './interview-slot.errors';

type SlotWithCompany = InterviewSlot & { companyName?: string };

/**
 * A stage's interview timetable: a programme manager adds slots (start, length, place or video
 * link), giving one to an application or leaving it free; the company of an application in the
 * stage books a free one; the panel, the sponsor and programme managers see the whole
 * timetable, a company the free slots and its own.
 */
@Injectable()
export class InterviewSlotsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(InterviewSlot) private readonly slots: Repository<InterviewSlot>,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    actor: Actor,
    challengeId: string,
    stageKey: string,
    dto: CreateInterviewSlotDto,
  ): Promise<InterviewSlotView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager, stageKey);
      this.policy.assertCanManagePanel(actor, challenge);
      if (!challenge.stage.needsSlots || !challenge.stage.id)
        throw new StageHasNoSlotsError(stageKey);
      if (!dto.place && !dto.videoUrl) {
        throw new ValidationFailedError('Say where the interview is held.', [
          { field: 'place', message: 'give a place or a videoUrl' },
        ]);
      }
      if (dto.applicationId) await this.assertInStage(manager, challenge, dto.applicationId);
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO interview_slots (stage_id, challenge_id, programme_id, starts_at, length_minutes,
                                      place, video_url, application_id, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1)
         ON CONFLICT ON CONSTRAINT interview_slots_stage_application_key DO NOTHING
         RETURNING id`,
        [
          challenge.stage.id,
          challengeId,
          challenge.programmeId,
          dto.startsAt,
          dto.lengthMinutes,
          dto.place?.trim() ?? null,
          dto.videoUrl ?? null,
          dto.applicationId ?? null,
          this.clock.now(),
        ],
      );
      if (!inserted.length) throw new ApplicationHasSlotError();
      await this.audit.record(manager, {
        actor,
        action: 'interview_slot.created',
        programmeId: challenge.programmeId,
        entityType: 'interview_slot',
        entityId: inserted[0].id,
        data: { challengeId, stage: stageKey, applicationId: dto.applicationId ?? null },
      });
      const slot = await this.withCompany(manager, inserted[0].id);
      return toView(slot, stageKey, true);
    });
  }

  async list(
    actor: Actor,
    challengeId: string,
    stageKey: string,
    page: PageQueryDto,
  ): Promise<Page<InterviewSlotView>> {
    const challenge = await this.challenges.load(challengeId, actor.userId, undefined, stageKey);
    const whole = this.policy.seesWholeTimetable(actor, challenge);
    const own = whole
      ? []
      : await this.ownApplicationsInStage(this.dataSource.manager, actor, challenge);
    if (!whole && !own.length) {
      this.policy.assertCanSeeStages(actor, challenge);
      // Knows the challenge (e.g. the panel of another stage) but not this timetable.
      throw new NotFoundError('Stage', stageKey);
    }
    if (!challenge.stage.id) return { items: [], nextCursor: null };
    const qb = this.slots
      .createQueryBuilder('s')
      .where('s.stageId = :stageId', { stageId: challenge.stage.id });
    if (!whole) {
      qb.andWhere('(s.applicationId IS NULL OR s.applicationId IN (:...own))', { own });
    }
    const result = await paginate(qb, {
      alias: 's',
      sortBy: 'startsAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    const shown = (s: InterviewSlot) =>
      whole || (s.applicationId !== null && own.includes(s.applicationId));
    const names = await this.companyNames(
      result.items.filter((s) => shown(s) && s.applicationId).map((s) => s.applicationId!),
    );
    return mapPage(result, (s) =>
      toView(
        Object.assign(
          s,
          s.applicationId && names.has(s.applicationId)
            ? { companyName: names.get(s.applicationId) }
            : {},
        ),
        stageKey,
        shown(s),
      ),
    );
  }

  /** The company books a free slot for its application in the stage (one per application). */
  async book(actor: Actor, slotId: string, applicationId: string): Promise<InterviewSlotView> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { challenge_id: string; stage_key: string }[] = await manager.query(
        `SELECT s.challenge_id, st.key AS stage_key
           FROM interview_slots s JOIN assessment_stages st ON st.id = s.stage_id
          WHERE s.id = $1`,
        [slotId],
      );
      if (!rows[0]) throw new NotFoundError('Interview slot', slotId);
      const challenge = await this.challenges.load(
        rows[0].challenge_id,
        actor.userId,
        manager,
        rows[0].stage_key,
      );
      const own = await this.ownApplicationsInStage(manager, actor, challenge);
      if (!own.includes(applicationId)) {
        if (!own.length) throw new NotFoundError('Interview slot', slotId);
        throw new SlotApplicationNotInStageError();
      }
      const taken: { id: string }[] = await manager.query(
        `SELECT id FROM interview_slots WHERE stage_id = $1 AND application_id = $2`,
        [challenge.stage.id, applicationId],
      );
      if (taken.length) throw new ApplicationHasSlotError();
      const booked = await returning<{ id: string }>(
        manager,
        `UPDATE interview_slots
            SET application_id = $2, booked_by_user_id = $3, updated_at = $4, version = version + 1
          WHERE id = $1 AND application_id IS NULL
         RETURNING id`,
        [slotId, applicationId, actor.userId, this.clock.now()],
      );
      if (!booked.length) throw new SlotTakenError();
      await this.audit.record(manager, {
        actor,
        action: 'interview_slot.booked',
        programmeId: challenge.programmeId,
        entityType: 'interview_slot',
        entityId: slotId,
        data: { challengeId: challenge.id, stage: challenge.stage.key, applicationId },
      });
      return toView(await this.withCompany(manager, slotId), challenge.stage.key, true);
    });
  }

  private async assertInStage(
    manager: EntityManager,
    challenge: ChallengeContext,
    applicationId: string,
  ): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM stage_entries e JOIN applications ap ON ap.id = e.application_id
        WHERE e.stage_id = $1 AND e.application_id = $2 AND ap.status = ANY($3::text[])`,
      [challenge.stage.id, applicationId, ASSESSABLE_APPLICATION_STATUSES],
    );
    if (!rows.length) throw new SlotApplicationNotInStageError();
  }

  /** The caller's companies' applications entered into this stage. */
  private async ownApplicationsInStage(
    manager: EntityManager,
    actor: Actor,
    challenge: ChallengeContext,
  ): Promise<string[]> {
    if (!challenge.stage.id) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT ap.id FROM stage_entries e
         JOIN applications ap ON ap.id = e.application_id
         JOIN memberships m ON m.organisation_id = ap.startup_organisation_id AND m.user_id = $2
        WHERE e.stage_id = $1 AND ap.status = ANY($3::text[])`,
      [challenge.stage.id, actor.userId, ASSESSABLE_APPLICATION_STATUSES],
    );
    return rows.map((r) => r.id);
  }

  /** The companies of a page's applications, in one query. */
  private async companyNames(applicationIds: string[]): Promise<Map<string, string>> {
    if (!applicationIds.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT ap.id, o.name FROM applications ap
         JOIN organisations o ON o.id = ap.startup_organisation_id
        WHERE ap.id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async withCompany(manager: EntityManager, id: string): Promise<SlotWithCompany> {
    const slot = await manager.findOneOrFail(InterviewSlot, { where: { id } });
    const rows: { name: string }[] = slot.applicationId
      ? await manager.query(
          `SELECT o.name FROM applications ap JOIN organisations o ON o.id = ap.startup_organisation_id
            WHERE ap.id = $1`,
          [slot.applicationId],
        )
      : [];
    return Object.assign(slot, rows[0] ? { companyName: rows[0].name } : {});
  }
}

function toView(
  slot: SlotWithCompany,
  stage: string,
  showsApplication: boolean,
): InterviewSlotView {
  return {
    id: slot.id,
    challengeId: slot.challengeId,
    stage,
    startsAt: slot.startsAt.toISOString(),
    endsAt: new Date(slot.startsAt.getTime() + slot.lengthMinutes * 60_000).toISOString(),
    lengthMinutes: slot.lengthMinutes,
    place: slot.place,
    videoUrl: slot.videoUrl,
    taken: slot.applicationId !== null,
    ...(showsApplication
      ? {
          applicationId: slot.applicationId,
          ...(slot.companyName ? { companyName: slot.companyName } : {}),
        }
      : {}),
    version: slot.version,
  };
}
