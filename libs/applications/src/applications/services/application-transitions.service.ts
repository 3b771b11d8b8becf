import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, assertVersion } from '@catalyst/common';
import { Actor, assertVisible } from '@catalyst/identity';
import { TeamFormationService } from '../../teams/team-formation.service';
import { assertCallOpen } from '../application.deadline';
import { Application } from '../application.entity';
import {
  assertPanelAssessed,
  countPanelAssessments,
  needsPanelAssessment,
} from '../application.assessment-rule';
import { ChallengeNotAcceptingApplicationsError, invalidAnswers } from '../application.errors';
import { LoadedApplication, loadApplication } from '../application.loader';
import { ApplicationPolicy } from '../application.policy';
import { assertRoundStageAllows } from '../application.stage-rules';
import { APPLICATION_STATE_MACHINE } from '../application.state-machine';
import { validateAnswersForSubmission } from '../answer.validation';
import type { ApplicationTransitionDto } from '../dto/application-transition.dto';

/**
 * Every move of an application: submission, withdrawal, screening and decisions. The state
 * table says who may move it where (409 / 403 / 400 for a missing reason), the stage rules say
 * when (422), a decision needs the panel's finished assessment (422, application.assessment-rule),
 * and the move, its audit event and any team change commit together.
 */
@Injectable()
export class TransitionApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly policy: ApplicationPolicy,
    private readonly teams: TeamFormationService,
  ) {}

  async transition(
    actor: Actor,
    id: string,
    dto: ApplicationTransitionDto,
    expectedVersion: number | undefined,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const loaded = await loadApplication(manager, id, { lock: true });
      const { application, facts } = loaded;
      assertVisible(this.policy.canView(actor, facts), 'Application', id);
      const from = application.status;
      const to = dto.to;
      const reason = dto.reason?.trim() || null;
      APPLICATION_STATE_MACHINE.check({
        from,
        to,
        actors: this.policy.actorsFor(actor, facts),
        reason: reason ?? undefined,
      });
      assertVersion('application', expectedVersion, application.version);

      const changes: Partial<Application> = { status: to };
      let data: Record<string, unknown> | null = null;
      if (from === 'draft' && to === 'submitted') {
        changes.submittedAt = this.checkSubmission(loaded);
      } else {
        assertRoundStageAllows(from, to, application.challenge.round.status);
      }
      if (needsPanelAssessment(to)) {
        const assessments = await countPanelAssessments(manager, id);
        assertPanelAssessed(to, assessments);
        // What the decision rested on, for whoever challenges it later.
        data = { assessments };
      }
      await manager.update(Application, { id }, changes);
      await this.audit.record(manager, {
        actor,
        action: `application.${to}`,
        entityType: 'application',
        entityId: id,
        from,
        to,
        reason,
        data,
      });
      if (to === 'selected') {
        await this.teams.form(
          manager,
          actor,
          application,
          application.challenge.sponsorOrganisationId,
        );
      } else if (from === 'selected') {
        await this.teams.disband(manager, actor, application, reason);
      }
    });
  }

  /** Before the deadline, to a challenge still published, with every answer valid. */
  private checkSubmission({ application }: LoadedApplication): Date {
    const now = this.clock.now();
    assertCallOpen(application.challenge.round, now, 'submit this application');
    if (application.challenge.status !== 'published') {
      throw new ChallengeNotAcceptingApplicationsError(application.challenge.status);
    }
    const problems = validateAnswersForSubmission(
      application.challenge.questions,
      application.answers,
    );
    if (problems.length) throw invalidAnswers(problems);
    return now;
  }
}
