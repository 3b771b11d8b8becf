import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, TransitionDefinition, runTransition } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { TeamFormationService } from '../../teams/team-formation.service';
import { assertCallOpen } from '../application.deadline';
import { Application } from '../application.entity';
import {
  assertPanelAssessed,
  needsPanelAssessment,
  stageResultsFor,
} from '../application.assessment-rule';
import { ChallengeNotAcceptingApplicationsError, invalidAnswers } from '../application.errors';
import { LoadedApplication, loadApplication } from '../application.loader';
import { ApplicationPolicy } from '../application.policy';
import { assertRoundStageAllows } from '../application.stage-rules';
import { APPLICATION_STATE_MACHINE, ApplicationActor } from '../application.state-machine';
import type { ApplicationStatus } from '../application.statuses';
import { validateAnswersForSubmission } from '../answer.validation';
import type { ApplicationTransitionDto } from '../dto/application-transition.dto';

/**
 * Every move of an application: submission, withdrawal, screening and decisions, through the
 * shared transition use case. The state table says who may move it where (409 / 403 / 400 for
 * a missing reason), the stage rules say when (422), a decision needs the panel's finished
 * assessment (422, application.assessment-rule), and the move, its audit event
 * (`application.<to>`) and any team change (a declared hook) commit together.
 */
@Injectable()
export class TransitionApplicationService {
  private readonly definition: TransitionDefinition<
    LoadedApplication,
    ApplicationStatus,
    ApplicationActor,
    Actor
  >;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly policy: ApplicationPolicy,
    private readonly teams: TeamFormationService,
  ) {
    this.definition = {
      machine: APPLICATION_STATE_MACHINE,
      label: 'Application',
      load: (manager, id) => this.lock(manager, id),
      visible: (actor, { facts }) => this.policy.canView(actor, facts),
      actors: (actor, { facts }) => this.policy.actorsFor(actor, facts),
      programmeOf: ({ application }) => application.programmeId,
      status: ({ application }) => application.status,
      version: ({ application }) => application.version,
      guard: async ({ manager, entity, from, to, auditData }) => {
        if (from === 'draft' && to === 'submitted') {
          this.checkSubmission(entity);
        } else {
          assertRoundStageAllows(from, to, entity.application.challenge.round.status);
        }
        if (needsPanelAssessment(to)) {
          const results = await stageResultsFor(manager, entity.application.id, to);
          assertPanelAssessed(to, results.counts, results.stage);
          // What the decision rested on, for whoever challenges it later: the panel's counts,
          // and in a challenge of several stages the stage and its ranking figures.
          auditData.assessments = results.counts;
          if (results.stage) {
            auditData.stage = results.stage;
            auditData.figures = results.figures;
          }
        }
      },
      apply: async ({ manager, entity: { application }, from, to, reason }) => {
        const changes: Partial<Application> = { status: to };
        // The latest decision's reason is what the company is told with its feedback.
        if (needsPanelAssessment(to)) changes.decisionReason = reason;
        if (from === 'draft' && to === 'submitted') changes.submittedAt = this.clock.now();
        await manager.update(Application, { id: application.id }, changes);
      },
      hooks: [
        {
          name: 'form the team in the round’s cohort',
          to: ['selected'],
          run: async ({ manager, actor, entity: { application } }) => {
            await this.teams.form(
              manager,
              actor,
              application,
              application.challenge.sponsorOrganisationId,
            );
          },
        },
        {
          name: 'remove the team from the cohort',
          from: ['selected'],
          run: ({ manager, actor, entity: { application }, reason }) =>
            this.teams.disband(manager, actor, application, reason),
        },
      ],
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  async transition(
    actor: Actor,
    id: string,
    dto: ApplicationTransitionDto,
    expectedVersion: number | undefined,
  ): Promise<void> {
    await this.dataSource.transaction((manager) =>
      runTransition(this.definition, manager, actor, id, dto, expectedVersion),
    );
  }

  /**
   * The round FOR SHARE first, then the application FOR UPDATE (rounds before their children,
   * the lock order of every transition). Ending the call takes the round FOR UPDATE, so a
   * submission either commits before the close or waits for it and then sees the round as
   * the close left it (closed, closesAt moved): none is accepted after the recorded close.
   */
  private async lock(manager: EntityManager, id: string): Promise<LoadedApplication | null> {
    const round: unknown[] = await manager.query(
      `SELECT r.id FROM applications a JOIN rounds r ON r.id = a.round_id
        WHERE a.id = $1 FOR SHARE OF r`,
      [id],
    );
    if (!round.length) return null;
    return loadApplication(manager, id, { lock: true });
  }

  /** Before the deadline, to a challenge still published, with every answer valid. */
  private checkSubmission({ application }: LoadedApplication): void {
    assertCallOpen(application.challenge.round, this.clock.now(), 'submit this application');
    if (application.challenge.status !== 'published') {
      throw new ChallengeNotAcceptingApplicationsError(application.challenge.status);
    }
    const problems = validateAnswersForSubmission(
      application.challenge.questions,
      application.answers,
    );
    if (problems.length) throw invalidAnswers(problems);
  }
}
