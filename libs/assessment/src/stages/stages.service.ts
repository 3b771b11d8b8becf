import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, FieldProblem, NotFoundError } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import type { RubricCriterion } from '@catalyst/rounds';
import { AssessmentPolicy } from '../policy/assessment.policy';
import {
  ChallengeContext,
  ChallengeContextLoader,
  DEFAULT_STAGE_LABEL,
} from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { DEFAULT_STAGE_KEY } from './stage.constants';
import {
  CreateStageDto,
  StageEntriesDto,
  StageEntriesView,
  StageListView,
  StageView,
} from './stage.dto';
import {
  AlreadyInStageError,
  FirstStageEntryError,
  InterviewNotBlindError,
  StageEntryRefusedError,
  StageKeyTakenError,
} from './stage.errors';

interface StageRow {
  key: string;
  label: string;
  position: number;
  rubric: RubricCriterion[] | null;
  blind: boolean | null;
  needs_slots: boolean;
  challenge_rubric: RubricCriterion[];
  round_blind: boolean;
  applications: number;
}

/**
 * A challenge's stages (in order), adding one, and entering applications into a later stage
 * (a programme manager's recorded decision with a reason; never implied).
 */
@Injectable()
export class StagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    actor: Actor,
    challengeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StageListView> {
    const challenge = await this.challenges.load(challengeId, actor.userId, manager);
    this.policy.assertCanSeeStages(actor, challenge);
    return { challengeId, items: await this.stages(manager, challengeId) };
  }

  async add(actor: Actor, challengeId: string, dto: CreateStageDto): Promise<StageView> {
    const needsSlots = dto.needsSlots ?? false;
    if (needsSlots && dto.blind) throw new InterviewNotBlindError();
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager);
      this.policy.assertCanManagePanel(actor, challenge);
      // Stages of one challenge are added one at a time (their positions follow each other).
      await manager.query(`SELECT 1 FROM challenges WHERE id = $1 FOR UPDATE`, [challengeId]);
      const existing: { key: string; position: number }[] = await manager.query(
        `SELECT key, position FROM assessment_stages WHERE challenge_id = $1 ORDER BY position`,
        [challengeId],
      );
      if (dto.key === DEFAULT_STAGE_KEY || existing.some((s) => s.key === dto.key)) {
        throw new StageKeyTakenError(dto.key);
      }
      const now = this.clock.now();
      if (!existing.length) {
        // The default stage becomes a row first, so the new one is second.
        await manager.query(
          `INSERT INTO assessment_stages (challenge_id, programme_id, key, label, position,
                                          rubric, blind, needs_slots, created_by_user_id, created_at)
           VALUES ($1, $2, $3, $4, 1, NULL, NULL, false, $5, $6)`,
          [
            challengeId,
            challenge.programmeId,
            DEFAULT_STAGE_KEY,
            DEFAULT_STAGE_LABEL,
            actor.userId,
            now,
          ],
        );
      }
      const position = (existing.at(-1)?.position ?? 1) + 1;
      const rubric: RubricCriterion[] = dto.rubric.map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
        maxScore: c.maxScore,
        ...(c.description ? { description: c.description } : {}),
      }));
      await manager.query(
        `INSERT INTO assessment_stages (challenge_id, programme_id, key, label, position,
                                        rubric, blind, needs_slots, created_by_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)`,
        [
          challengeId,
          challenge.programmeId,
          dto.key,
          dto.label.trim(),
          position,
          JSON.stringify(rubric),
          needsSlots ? false : (dto.blind ?? false),
          needsSlots,
          actor.userId,
          now,
        ],
      );
      await this.audit.record(manager, {
        actor,
        action: 'challenge.stage_added',
        programmeId: challenge.programmeId,
        entityType: 'challenge',
        entityId: challengeId,
        data: {
          stage: dto.key,
          position,
          needsSlots,
          blind: needsSlots ? false : (dto.blind ?? false),
        },
      });
      const stages = await this.stages(manager, challengeId);
      return stages.find((s) => s.key === dto.key)!;
    });
  }

  /**
   * Enters applications into a later stage, all or nothing: each must be an assessable
   * application of the challenge in the stage before (every one is in the first). Audited per
   * application as `application.stage_entered` with the reason.
   */
  async enter(
    actor: Actor,
    challengeId: string,
    stageKey: string,
    dto: StageEntriesDto,
  ): Promise<StageEntriesView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager, stageKey);
      this.policy.assertCanManagePanel(actor, challenge);
      if (challenge.stage.isFirst || !challenge.stage.id) throw new FirstStageEntryError();
      const previous = await this.previousStage(manager, challenge);
      // The applications first, in id order: a decision on one waits for its entry, or it for that.
      await manager.query(
        `SELECT 1 FROM applications WHERE id = ANY($1::uuid[]) AND challenge_id = $2
          ORDER BY id FOR UPDATE`,
        [dto.applicationIds, challengeId],
      );
      const rows: {
        i: number;
        id: string | null;
        in_previous: boolean;
        entered: boolean;
      }[] = await manager.query(
        `SELECT p.i, ap.id,
                ($5::boolean OR EXISTS (SELECT 1 FROM stage_entries e
                                         WHERE e.application_id = ap.id AND e.stage_key = $4))
                  AS in_previous,
                EXISTS (SELECT 1 FROM stage_entries e
                         WHERE e.application_id = ap.id AND e.stage_id = $6) AS entered
           FROM unnest($2::uuid[]) WITH ORDINALITY AS p(application, i)
           LEFT JOIN applications ap
             ON ap.id = p.application AND ap.challenge_id = $1 AND ap.status = ANY($3::text[])
          ORDER BY p.i`,
        [
          challengeId,
          dto.applicationIds,
          ASSESSABLE_APPLICATION_STATUSES,
          previous.key,
          previous.position === 1,
          challenge.stage.id,
        ],
      );
      const problems: FieldProblem[] = [];
      const already: string[] = [];
      for (const row of rows) {
        const at = `applicationIds[${Number(row.i) - 1}]`;
        if (!row.id) {
          problems.push({
            field: at,
            message: 'is not an assessable application of this challenge',
          });
        } else if (!row.in_previous) {
          problems.push({ field: at, message: `is not in the stage before ('${previous.key}')` });
        } else if (row.entered) {
          already.push(row.id);
        }
      }
      if (problems.length) throw new StageEntryRefusedError(problems);
      if (already.length) throw new AlreadyInStageError(already);
      const reason = dto.reason.trim();
      const inserted: { application_id: string; created_at: Date }[] = await manager.query(
        `INSERT INTO stage_entries (stage_id, stage_key, application_id, reason, entered_by_user_id,
                                    created_at)
         SELECT $1, $2, p.application, $3, $4, $5
           FROM unnest($6::uuid[]) WITH ORDINALITY AS p(application, i)
          ORDER BY p.i
         RETURNING application_id, created_at`,
        [challenge.stage.id, stageKey, reason, actor.userId, this.clock.now(), dto.applicationIds],
      );
      await this.audit.recordMany(
        manager,
        inserted.map((e) => ({
          actor,
          action: 'application.stage_entered',
          programmeId: challenge.programmeId,
          entityType: 'application',
          entityId: e.application_id,
          reason,
          data: { challengeId, stage: stageKey, from: previous.key },
        })),
      );
      return {
        items: inserted.map((e) => ({
          applicationId: e.application_id,
          stage: stageKey,
          reason,
          enteredAt: e.created_at.toISOString(),
        })),
      };
    });
  }

  private async previousStage(
    manager: EntityManager,
    challenge: ChallengeContext,
  ): Promise<{ key: string; position: number }> {
    const rows: { key: string; position: number }[] = await manager.query(
      `SELECT key, position FROM assessment_stages
        WHERE challenge_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1`,
      [challenge.id, challenge.stage.position],
    );
    if (!rows[0]) throw new NotFoundError('Stage', challenge.stage.key);
    return rows[0];
  }

  /** Every stage in order (the default one when the challenge has no rows), in one query. */
  private async stages(manager: EntityManager, challengeId: string): Promise<StageView[]> {
    const rows: StageRow[] = await manager.query(
      `SELECT COALESCE(st.key, $3) AS key, COALESCE(st.label, $4) AS label,
              COALESCE(st.position, 1) AS position, st.rubric, st.blind,
              COALESCE(st.needs_slots, false) AS needs_slots,
              c.rubric AS challenge_rubric, r.blind_review AS round_blind,
              CASE WHEN COALESCE(st.position, 1) = 1
                   THEN (SELECT count(*) FROM applications ap
                          WHERE ap.challenge_id = c.id AND ap.status = ANY($2::text[]))
                   ELSE (SELECT count(*) FROM stage_entries e
                           JOIN applications ap ON ap.id = e.application_id
                          WHERE e.stage_id = st.id AND ap.status = ANY($2::text[]))
              END::int AS applications
         FROM challenges c
         JOIN rounds r ON r.id = c.round_id
         LEFT JOIN assessment_stages st ON st.challenge_id = c.id
        WHERE c.id = $1
        ORDER BY COALESCE(st.position, 1)`,
      [challengeId, ASSESSABLE_APPLICATION_STATUSES, DEFAULT_STAGE_KEY, DEFAULT_STAGE_LABEL],
    );
    return rows.map((r) => ({
      key: r.key,
      label: r.label,
      position: r.position,
      rubric: (r.rubric ?? r.challenge_rubric ?? []).map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
        maxScore: c.maxScore,
        ...(c.description ? { description: c.description } : {}),
      })),
      blind: r.needs_slots ? false : (r.blind ?? r.round_blind),
      needsSlots: r.needs_slots,
      applications: r.applications,
    }));
  }
}
