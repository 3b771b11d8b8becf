import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, FieldProblem, ValidationFailedError, returning } from '@catalyst/common';
import { Actor, AssessorDirectory } from '@catalyst/identity';
import type { AssessmentStatus } from '../assessments/assessment.statuses';
import { AssessmentRowLike, assessmentMoves, toSummary } from '../assessments/assessment.view';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { competitorSql, conflictCompetitors, lockAssessors } from '../shared/assessor-conflicts';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { DEFAULT_STAGE_KEY, IN_STAGE_SQL } from '../stages/stage.constants';
import {
  AssignmentPairDto,
  AssignmentRunView,
  BulkAssignmentDto,
  BulkAssignmentView,
} from './assignment.dto';
import { PlannedAssignment, planAssignments } from './assignment.plan';
import {
  AssessmentSubmittedMeanwhileError,
  AssignmentCompetitorError,
  AssignmentConflictingChangesError,
  AssignmentRulesBrokenError,
  PanelEmptyError,
  PanelTooSmallError,
} from './assignment.errors';

/** Assigning a challenge's applications to its panel: automatically, or by hand in bulk. */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: AssessorDirectory,
  ) {}

  /**
   * Tops every assessable application up to `perApplication` counting assessors, spreading the
   * load evenly and skipping declared conflicts (see planAssignments). Safe to re-run: it only
   * adds what is missing. Runs for one challenge are serialised by an advisory lock.
   */
  async run(
    actor: Actor,
    challengeId: string,
    perApplication: number,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<AssignmentRunView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager, stageKey);
      this.policy.assertCanManagePanel(actor, challenge);
      await lockChallengeAssignments(manager, challengeId);

      const assessors = await activePanel(manager, this.directory, challengeId, stageKey);
      if (assessors.length === 0) {
        throw new PanelEmptyError();
      }
      if (perApplication > assessors.length) {
        throw new PanelTooSmallError(perApplication, assessors.length);
      }
      // After this, no declaration by these assessors can commit unseen until the run ends.
      await lockAssessors(manager, assessors);
      // Competitors (members of a company that applied, e.g. since they were assigned) lose
      // their assessments here before the gaps are counted, so the run refills them.
      await conflictCompetitors(manager, this.audit, actor, challengeId);
      const applications: { id: string; startup_organisation_id: string }[] = await manager.query(
        `SELECT id, startup_organisation_id FROM applications
          WHERE challenge_id = $1 AND status = ANY($2::text[]) AND ${IN_STAGE_SQL('applications.id')}`,
        [challengeId, ASSESSABLE_APPLICATION_STATUSES, stageKey, challenge.stage.isFirst],
      );
      const existing: { application_id: string; assessor_user_id: string; status: string }[] =
        await manager.query(
          `SELECT application_id, assessor_user_id, status FROM assessments
            WHERE challenge_id = $1 AND stage_key = $2`,
          [challengeId, stageKey],
        );
      // Declared conflicts (wherever declared), the assessors' own companies (conflicted
      // without declaring), and every company of this challenge for a competitor (a member of
      // any company that applied to it).
      const conflicts: { assessor_user_id: string; startup_organisation_id: string }[] =
        await manager.query(
          `SELECT assessor_user_id, startup_organisation_id FROM conflict_declarations
            WHERE assessor_user_id = ANY($1::uuid[])
           UNION
           SELECT user_id, organisation_id FROM memberships
            WHERE user_id = ANY($1::uuid[])
           UNION
           SELECT p.id, ap.startup_organisation_id
             FROM unnest($1::uuid[]) AS p(id)
             JOIN applications ap ON ap.challenge_id = $2
            WHERE ${competitorSql('p.id', '$2::uuid')}`,
          [assessors, challengeId],
        );

      const plan = planAssignments({
        perApplication,
        assessors,
        applications: applications.map((a) => ({
          id: a.id,
          startupOrganisationId: a.startup_organisation_id,
        })),
        existing: existing.map((e) => ({
          applicationId: e.application_id,
          assessorUserId: e.assessor_user_id,
          counts: e.status !== 'conflicted',
        })),
        conflicts: conflicts.map((c) => ({
          assessorUserId: c.assessor_user_id,
          startupOrganisationId: c.startup_organisation_id,
        })),
      });

      const created = await this.insert(
        manager,
        actor,
        challengeId,
        stageKey,
        plan.assignments,
        'auto',
      );
      return {
        perApplication,
        items: created.map((a) => toSummary(a, assessmentMoves(this.policy, actor, a))),
        shortfalls: plan.shortfalls,
        loads: plan.loads,
      };
    });
  }

  /**
   * Manual edits, all or nothing: adds must pair a panel member with an assessable application
   * of this challenge, free of declared conflicts and not already assigned; removes take back
   * open assignments only (submitted and conflicted ones are part of the record).
   */
  async bulk(
    actor: Actor,
    challengeId: string,
    dto: BulkAssignmentDto,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<BulkAssignmentView> {
    const add = dto.add ?? [];
    const remove = dto.remove ?? [];
    assertNoRepeats(add, remove);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager, stageKey);
      this.policy.assertCanManagePanel(actor, challenge);
      await lockChallengeAssignments(manager, challengeId);
      await conflictCompetitors(manager, this.audit, actor, challengeId);

      const problems: FieldProblem[] = [];
      const conflicts: string[] = [];
      let competitors = 0;
      if (add.length) {
        await lockAssessors(
          manager,
          add.map((p) => p.assessorUserId),
        );
        const rows: {
          i: number;
          application_ok: boolean;
          on_panel: boolean;
          conflicted: boolean;
          member: boolean;
          competitor: boolean;
          existing: string | null;
        }[] = await manager.query(
          `SELECT p.i,
                  ap.id IS NOT NULL AS application_ok,
                  EXISTS (SELECT 1 FROM challenge_assessors ca
                           WHERE ca.challenge_id = $1 AND ca.user_id = p.assessor
                             AND ca.stage_key = $5) AS on_panel,
                  EXISTS (SELECT 1 FROM conflict_declarations d
                           WHERE d.assessor_user_id = p.assessor
                             AND d.startup_organisation_id = ap.startup_organisation_id) AS conflicted,
                  EXISTS (SELECT 1 FROM memberships m
                           WHERE m.user_id = p.assessor
                             AND m.organisation_id = ap.startup_organisation_id) AS member,
                  ${competitorSql('p.assessor', '$1::uuid')} AS competitor,
                  (SELECT a.status FROM assessments a
                    WHERE a.application_id = p.application AND a.assessor_user_id = p.assessor
                      AND a.stage_key = $5) AS existing
             FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS p(application, assessor, i)
             LEFT JOIN applications ap
               ON ap.id = p.application AND ap.challenge_id = $1 AND ap.status = ANY($4::text[])
              AND ($6::boolean OR EXISTS (SELECT 1 FROM stage_entries e
                                           WHERE e.application_id = ap.id AND e.stage_key = $5))
            ORDER BY p.i`,
          [
            challengeId,
            add.map((p) => p.applicationId),
            add.map((p) => p.assessorUserId),
            ASSESSABLE_APPLICATION_STATUSES,
            stageKey,
            challenge.stage.isFirst,
          ],
        );
        for (const row of rows) {
          const at = `add[${Number(row.i) - 1}]`;
          if (!row.application_ok) {
            problems.push({
              field: `${at}.applicationId`,
              message: challenge.stage.isFirst
                ? 'is not an assessable application of this challenge'
                : `is not an assessable application entered into the stage '${stageKey}'`,
            });
          }
          if (!row.on_panel) {
            problems.push({ field: `${at}.assessorUserId`, message: 'is not on this panel' });
          }
          if (row.conflicted) {
            problems.push({
              field: at,
              message: 'the assessor declared a conflict of interest with this company',
            });
          } else if (row.member) {
            problems.push({ field: at, message: 'the assessor is a member of this company' });
          } else if (row.competitor) {
            competitors++;
            problems.push({
              field: at,
              message:
                'the assessor is a member of a company that applied to this challenge (a competitor)',
            });
          }
          if (row.existing) conflicts.push(`${at} is already assigned (${row.existing})`);
        }
      }

      let removable: { id: string; application_id: string; assessor_user_id: string }[] = [];
      if (remove.length) {
        const rows: {
          i: number;
          id: string | null;
          application_id: string;
          assessor_user_id: string;
          status: string | null;
        }[] = await manager.query(
          `SELECT p.i, a.id, p.application AS application_id, p.assessor AS assessor_user_id,
                  a.status
             FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS p(application, assessor, i)
             LEFT JOIN assessments a
               ON a.application_id = p.application AND a.assessor_user_id = p.assessor
              AND a.challenge_id = $1 AND a.stage_key = $4
            ORDER BY p.i`,
          [
            challengeId,
            remove.map((p) => p.applicationId),
            remove.map((p) => p.assessorUserId),
            stageKey,
          ],
        );
        for (const row of rows) {
          const at = `remove[${Number(row.i) - 1}]`;
          if (!row.id)
            problems.push({ field: at, message: 'no such assignment in this challenge' });
          else if (row.status !== 'assigned') {
            conflicts.push(`${at} is ${row.status} and cannot be removed`);
          }
        }
        removable = rows.filter((r): r is typeof r & { id: string } => !!r.id);
      }

      if (problems.length) {
        throw competitors
          ? new AssignmentCompetitorError(problems)
          : new AssignmentRulesBrokenError(problems);
      }
      if (conflicts.length) {
        throw new AssignmentConflictingChangesError(conflicts);
      }

      if (removable.length) {
        // Only still-open ones: a submission racing this request wins, and nothing changes.
        const deleted = await returning<{ id: string }>(
          manager,
          `DELETE FROM assessments WHERE id = ANY($1::uuid[]) AND status = 'assigned' RETURNING id`,
          [removable.map((r) => r.id)],
        );
        if (deleted.length !== removable.length) {
          throw new AssessmentSubmittedMeanwhileError();
        }
        await this.audit.recordMany(
          manager,
          removable.map((r) => ({
            actor,
            action: 'assessment.unassigned',
            programmeId: challenge.programmeId,
            entityType: 'assessment',
            entityId: r.id,
            from: 'assigned',
            data: {
              challengeId,
              applicationId: r.application_id,
              assessorUserId: r.assessor_user_id,
            },
          })),
        );
      }
      const added = await this.insert(manager, actor, challengeId, stageKey, add, 'manual');
      return {
        added: added.map((a) => toSummary(a, assessmentMoves(this.policy, actor, a))),
        removed: removable.map((r) => ({
          applicationId: r.application_id,
          assessorUserId: r.assessor_user_id,
        })),
      };
    });
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    challengeId: string,
    stageKey: string,
    pairs: readonly PlannedAssignment[],
    how: 'auto' | 'manual',
  ): Promise<AssessmentRowLike[]> {
    if (!pairs.length) return [];
    const rows: InsertedRow[] = await manager.query(
      `INSERT INTO assessments (application_id, assessor_user_id, challenge_id, programme_id,
                                status, assigned_by_user_id, created_at, updated_at, version,
                                stage_key)
       SELECT p.application, p.assessor, $1, c.programme_id, 'assigned', $2, $3, $3, 1, $6
         FROM unnest($4::uuid[], $5::uuid[]) WITH ORDINALITY AS p(application, assessor, i)
         JOIN challenges c ON c.id = $1
        ORDER BY p.i
       RETURNING id, application_id, assessor_user_id, challenge_id, programme_id, stage_key, status,
                 submitted_at, created_at, updated_at, version`,
      [
        challengeId,
        actor.userId,
        this.clock.now(),
        pairs.map((p) => p.applicationId),
        pairs.map((p) => p.assessorUserId),
        stageKey,
      ],
    );
    const created = rows.map((r): AssessmentRowLike => ({
      id: r.id,
      applicationId: r.application_id,
      assessorUserId: r.assessor_user_id,
      challengeId: r.challenge_id,
      programmeId: r.programme_id,
      stageKey: r.stage_key,
      status: r.status,
      submittedAt: r.submitted_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }));
    await this.audit.recordMany(
      manager,
      created.map((a) => ({
        actor,
        action: 'assessment.assigned',
        programmeId: a.programmeId,
        entityType: 'assessment',
        entityId: a.id,
        to: 'assigned',
        data: {
          challengeId,
          applicationId: a.applicationId,
          assessorUserId: a.assessorUserId,
          how,
          ...(stageKey === DEFAULT_STAGE_KEY ? {} : { stage: stageKey }),
        },
      })),
    );
    return created;
  }
}

interface InsertedRow {
  id: string;
  application_id: string;
  assessor_user_id: string;
  challenge_id: string;
  programme_id: string;
  stage_key: string;
  status: AssessmentStatus;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Serialises assignment changes per challenge (two runs at once would race for the same gaps). */
export async function lockChallengeAssignments(
  manager: EntityManager,
  challengeId: string,
): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtext('assessment-assignment'), hashtext($1))`,
    [challengeId],
  );
}

/** Panel members still able to take work: active users who still hold the assessor role. */
async function activePanel(
  manager: EntityManager,
  directory: AssessorDirectory,
  challengeId: string,
  stageKey: string,
): Promise<string[]> {
  const rows: { user_id: string }[] = await manager.query(
    `SELECT user_id FROM challenge_assessors WHERE challenge_id = $1 AND stage_key = $2`,
    [challengeId, stageKey],
  );
  // In id order (the directory's), so the plan is the same run after run.
  return directory.activeAmong(
    manager,
    rows.map((r) => r.user_id),
  );
}

function assertNoRepeats(add: AssignmentPairDto[], remove: AssignmentPairDto[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, string>();
  const check = (list: AssignmentPairDto[], name: string) =>
    list.forEach((p, i) => {
      const key = `${p.applicationId}|${p.assessorUserId}`;
      const first = seen.get(key);
      if (first) problems.push({ field: `${name}[${i}]`, message: `repeats ${first}` });
      else seen.set(key, `${name}[${i}]`);
    });
  check(add, 'add');
  check(remove, 'remove');
  if (problems.length) {
    throw new ValidationFailedError('Each pair may appear once per request.', problems);
  }
  if (!add.length && !remove.length) {
    throw new ValidationFailedError('Nothing to change: give `add`, `remove` or both.', [
      { field: 'add', message: 'give at least one pair to add or remove' },
    ]);
  }
}
