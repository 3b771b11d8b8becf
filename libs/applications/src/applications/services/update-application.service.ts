import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, assertVersion } from '@catalyst/common';
import { Actor, assertAllowed, assertVisible } from '@catalyst/identity';
import { assertCallOpen } from '../application.deadline';
import { Application, AnswerValue } from '../application.entity';
import { ApplicationNotDraftError, invalidAnswers } from '../application.errors';
import { loadApplication } from '../application.loader';
import { ApplicationPolicy } from '../application.policy';
import { mergeAnswers, validateAnswerTypes } from '../answer.validation';
import type { UpdateApplicationDto } from '../dto/update-application.dto';

/** A company edits its draft's answers while the call is open. */
@Injectable()
export class UpdateApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly policy: ApplicationPolicy,
  ) {}

  async update(
    actor: Actor,
    id: string,
    dto: UpdateApplicationDto,
    expectedVersion: number | undefined,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { application, facts } = await loadApplication(manager, id, { lock: true });
      assertVisible(this.policy.canView(actor, facts), 'Application', id);
      assertAllowed(
        this.policy.canEditAnswers(actor, facts),
        'Only members of the applying company can edit its answers.',
      );
      assertVersion('application', expectedVersion, application.version);
      if (application.status !== 'draft') {
        throw new ApplicationNotDraftError(application.status);
      }
      assertCallOpen(application.challenge.round, this.clock.now(), 'edit this application');
      const patch = dto.answers ?? {};
      // Check the patch itself first: a key that is not a question is refused even as null.
      const problems = validateAnswerTypes(
        application.challenge.questions,
        Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)),
      );
      for (const key of Object.keys(patch)) {
        if (patch[key] === null && !application.challenge.questions.some((q) => q.key === key)) {
          problems.push({
            field: `answers.${key}`,
            message: 'is not a question of this challenge',
          });
        }
      }
      if (problems.length) throw invalidAnswers(problems);
      const answers = mergeAnswers(application.answers, patch) as Record<string, AnswerValue>;
      const changed = Object.keys(patch).filter((key) => application.answers[key] !== answers[key]);
      if (changed.length === 0) return;
      // The row is locked: the update bumps version and updatedAt itself.
      await manager.update(Application, { id }, { answers });
      await this.audit.record(manager, {
        actor,
        action: 'application.updated',
        programmeId: application.programmeId,
        entityType: 'application',
        entityId: id,
        data: { changedAnswers: changed },
      });
    });
  }
}
