import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, diff } from '@catalyst/audit';
import {
  Clock,
  ForbiddenError,
  NotFoundError,
  Page,
  PageQueryDto,
  assertVersion,
  mapPage,
  paginate,
} from '@catalyst/common';
import { DocumentReferencesService } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { SprintNotInRoundError } from '../accelerator.errors';
import { AcceleratorPolicy } from '../accelerator.policy';
import { Sprint } from '../sprints/sprint.entity';
import { SprintsService } from '../sprints/sprints.service';
import { TeamContextLoader } from '../teams/team-context.loader';
import type { CreateProgressUpdateDto } from './create-progress-update.dto';
import { ProgressUpdate } from './progress-update.entity';
import { assertEditableBy } from './progress-update.rules';
import { ProgressUpdateView, toProgressUpdateView } from './progress-update.view';
import type { UpdateProgressUpdateDto } from './update-progress-update.dto';

const FIELDS = [
  'rag',
  'summary',
  'blockers',
  'asksForHelp',
  'evidenceUrls',
  'documentIds',
] as const;

/** A team's progress log: one entry per report, editable by its author for 24 hours. */
@Injectable()
export class ProgressUpdatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamContextLoader,
    private readonly sprints: SprintsService,
    private readonly policy: AcceleratorPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentReferencesService,
  ) {}

  async create(
    actor: Actor,
    teamId: string,
    body: CreateProgressUpdateDto,
  ): Promise<ProgressUpdateView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const team = await this.teams.visible(actor, teamId, manager);
      if (!this.policy.canLogProgress(actor, team)) {
        throw new ForbiddenError('Progress is logged by the team’s own members.');
      }
      let sprint: Pick<Sprint, 'id' | 'roundId'> | null;
      if (body.sprintId) {
        sprint = await manager.findOne(Sprint, {
          where: { id: body.sprintId },
          select: { id: true, roundId: true },
        });
        if (!sprint || sprint.roundId !== team.roundId) throw new SprintNotInRoundError('sprintId');
      } else {
        sprint = await this.sprints.current(manager, team.roundId, this.teams.today(team));
      }
      const { identifiers } = await manager.insert(ProgressUpdate, {
        teamId,
        sprintId: sprint.id,
        authorUserId: actor.userId,
        rag: body.rag,
        summary: body.summary,
        blockers: body.blockers ?? null,
        asksForHelp: body.asksForHelp ?? null,
        evidenceUrls: body.evidenceUrls ?? [],
        createdAt: this.clock.now(),
      });
      const updateId = (identifiers[0] as { id: string }).id;
      await this.audit.record(manager, {
        actor,
        action: 'progress_update.created',
        programmeId: team.programmeId,
        entityType: 'progress_update',
        entityId: updateId,
        data: { teamId, sprintId: sprint.id, rag: body.rag },
      });
      return updateId;
    });
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    body: UpdateProgressUpdateDto,
    expectedVersion: number | undefined,
  ): Promise<ProgressUpdateView> {
    await this.dataSource.transaction(async (manager) => {
      const update = await manager.findOne(ProgressUpdate, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const team = update && (await this.teams.find(manager, update.teamId));
      if (!update || !team || !this.policy.canSeeTeam(actor, team)) {
        throw new NotFoundError('Progress update', id);
      }
      assertEditableBy(update, actor.userId, this.clock.now());
      assertVersion('progress_update', expectedVersion, update.version);
      const after = { ...update };
      for (const field of FIELDS) {
        if (body[field] !== undefined) Object.assign(after, { [field]: body[field] });
      }
      if (body.documentIds !== undefined) {
        after.documentIds = [...new Set(body.documentIds)];
        // 422 document.invalid_reference unless each is attached to this update and visible.
        await this.documents.attached(manager, actor, after.documentIds, {
          type: 'progress_update',
          id,
        });
      }
      const changes = diff({ ...update }, after, FIELDS);
      if (!Object.keys(changes).length) return;
      await manager.save(ProgressUpdate, after);
      await this.audit.record(manager, {
        actor,
        action: 'progress_update.edited',
        programmeId: team.programmeId,
        entityType: 'progress_update',
        entityId: id,
        data: { teamId: team.id, changes },
      });
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, teamId: string, page: PageQueryDto): Promise<Page<ProgressUpdateView>> {
    await this.teams.visible(actor, teamId);
    const qb = this.dataSource
      .getRepository(ProgressUpdate)
      .createQueryBuilder('progress')
      .innerJoinAndSelect('progress.sprint', 'sprint')
      .where('progress.teamId = :teamId', { teamId });
    const updates = await paginate(qb, {
      alias: 'progress',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: page.limit,
      cursor: page.cursor,
    });
    const now = this.clock.now();
    const documents = await this.documents.describe(
      this.dataSource.manager,
      updates.items.flatMap((u) => u.documentIds),
    );
    return mapPage(updates, (u) => toProgressUpdateView(u, now, actor.userId, documents));
  }

  async get(actor: Actor, id: string): Promise<ProgressUpdateView> {
    const update = await this.dataSource.manager.findOne(ProgressUpdate, {
      where: { id },
      relations: { sprint: true },
    });
    const team = update && (await this.teams.find(this.dataSource.manager, update.teamId));
    if (!update || !team || !this.policy.canSeeTeam(actor, team)) {
      throw new NotFoundError('Progress update', id);
    }
    const documents = await this.documents.describe(this.dataSource.manager, update.documentIds);
    return toProgressUpdateView(update, this.clock.now(), actor.userId, documents);
  }
}
