import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, diff } from '@catalyst/audit';
import {
  APP_CONFIG,
  type AppConfig,
  FieldProblem,
  NotFoundError,
  Page,
  PageQueryDto,
  ValidationFailedError,
  assertVersion,
  isCurrencyCode,
  isValidTimeZone,
  mapPage,
  paginate,
} from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { Organisation } from '../entities/organisation.entity';
import { Programme } from '../entities/programme.entity';
import { assertAllowed, assertVisible } from '../policy/visibility';
import type { CreateProgrammeDto, UpdateProgrammeDto } from './programme.dto';
import { ProgrammeOperatorRequiredError, ProgrammeSlugTakenError } from './programme.errors';
import { ProgrammePolicy } from './programme.policy';
import { ProgrammeView } from './programme.view';

const EDITABLE = [
  'name',
  'slug',
  'shortDescription',
  'contactEmail',
  'websiteUrl',
  'timezone',
  'currency',
] as const;

/** Programmes: created by instance administrators, edited by their own managers. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateProgrammeDto): Promise<ProgrammeView> {
    assertAllowed(
      ProgrammePolicy.canCreate(actor),
      'Only instance administrators create programmes.',
    );
    assertValidSettings(input);
    const programme = await this.dataSource.transaction(async (manager) => {
      const operator = await manager.findOneBy(Organisation, { id: input.operatorOrganisationId });
      if (!operator) throw new NotFoundError('Organisation', input.operatorOrganisationId);
      if (operator.kind !== 'operator') throw new ProgrammeOperatorRequiredError(operator.kind);
      await assertSlugFree(manager, input.slug);
      const created = await manager.save(
        manager.create(Programme, {
          operatorOrganisationId: operator.id,
          name: input.name,
          slug: input.slug,
          shortDescription: input.shortDescription ?? null,
          contactEmail: input.contactEmail?.toLowerCase() ?? null,
          websiteUrl: input.websiteUrl ?? null,
          timezone: input.timezone ?? this.config.appTimezone,
          currency: input.currency ?? 'GBP',
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'programme.created',
        programmeId: created.id,
        entityType: 'programme',
        entityId: created.id,
        data: {
          name: created.name,
          slug: created.slug,
          operatorOrganisationId: operator.id,
        },
      });
      return created;
    });
    return ProgrammeView.from(programme);
  }

  async update(
    actor: Actor,
    id: string,
    input: UpdateProgrammeDto,
    expectedVersion?: number,
  ): Promise<ProgrammeView> {
    assertValidSettings(input);
    const updated = await this.dataSource.transaction(async (manager) => {
      const programme = await manager.findOne(Programme, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      assertVisible(!!programme && ProgrammePolicy.canSee(actor, programme), 'Programme', id);
      const current = programme as Programme;
      assertAllowed(
        ProgrammePolicy.canEdit(actor, current),
        'Only the programme’s managers edit it.',
      );
      assertVersion('programme', expectedVersion, current.version);
      const next: Programme = Object.assign(new Programme(), current);
      for (const field of EDITABLE) {
        const value = input[field];
        if (value === undefined) continue;
        (next as unknown as Record<string, unknown>)[field] =
          field === 'contactEmail' && typeof value === 'string' ? value.toLowerCase() : value;
      }
      const changes = diff(
        current as unknown as Record<string, unknown>,
        next as unknown as Record<string, unknown>,
        EDITABLE,
      );
      if (Object.keys(changes).length === 0) return current;
      if (changes.slug) await assertSlugFree(manager, next.slug, id);
      const saved = await manager.save(next);
      await this.audit.record(manager, {
        actor,
        action: 'programme.updated',
        programmeId: id,
        entityType: 'programme',
        entityId: id,
        data: { changes },
      });
      return saved;
    });
    return ProgrammeView.from(updated);
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<ProgrammeView>> {
    assertAllowed(
      actor.isProgrammeManager || actor.isInstanceAdmin,
      'Programmes are listed for their managers and instance administrators.',
    );
    const scope = ProgrammePolicy.listScope(actor);
    if (scope !== 'all' && scope.length === 0) return { items: [], nextCursor: null };
    const qb = this.dataSource.getRepository(Programme).createQueryBuilder('p');
    if (scope !== 'all') qb.andWhere('p.id IN (:...ids)', { ids: scope });
    const page = await paginate(qb, {
      alias: 'p',
      sortBy: 'name',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (p) => ProgrammeView.from(p));
  }

  async get(actor: Actor, id: string): Promise<ProgrammeView> {
    const programme = await this.dataSource.getRepository(Programme).findOneBy({ id });
    assertVisible(!!programme && ProgrammePolicy.canSee(actor, programme), 'Programme', id);
    return ProgrammeView.from(programme as Programme);
  }

  /** The programme a new round of the caller's goes into (see ProgrammePolicy). */
  async forNewRound(actor: Actor, requested: string | undefined): Promise<Programme> {
    const id = ProgrammePolicy.programmeForNewRound(actor, requested);
    const programme = await this.dataSource.getRepository(Programme).findOneBy({ id });
    if (!programme) throw new NotFoundError('Programme', id);
    return programme;
  }
}

function assertValidSettings(input: UpdateProgrammeDto): void {
  const problems: FieldProblem[] = [];
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
    problems.push({ field: 'timezone', message: 'must be an IANA time zone, e.g. Europe/London' });
  }
  if (input.currency !== undefined && !isCurrencyCode(input.currency)) {
    problems.push({ field: 'currency', message: 'must be an ISO 4217 code such as GBP or USD' });
  }
  if (problems.length)
    throw new ValidationFailedError('The programme’s settings are not valid.', problems);
}

/**
 * 409 when another programme has the slug. The advisory lock (per slug, until the transaction
 * ends) serialises two creations or renames racing to one slug.
 */
async function assertSlugFree(manager: EntityManager, slug: string, exceptId?: string) {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`programme-slug:${slug}`]);
  const rows: unknown[] = await manager.query(
    'SELECT 1 FROM programmes WHERE slug = $1 AND ($2::uuid IS NULL OR id <> $2::uuid) LIMIT 1',
    [slug, exceptId ?? null],
  );
  if (rows.length) throw new ProgrammeSlugTakenError(slug);
}
