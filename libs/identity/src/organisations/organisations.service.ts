import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  NotFoundError,
  Page,
  ValidationFailedError,
  assertVersion,
  mapPage,
  paginate,
} from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed, assertVisible } from '../policy/visibility';
import type { CreateOrganisationDto } from './create-organisation.dto';
import type { ListOrganisationsQueryDto } from './list-organisations.query';
import type { UpdateOrganisationDto } from './update-organisation.dto';
import type { OrganisationKind } from '../roles';
import { OrganisationDto } from './organisation.view';
import { OrganisationNameTakenError } from './organisation.errors';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CreateOrganisationDto): Promise<OrganisationDto> {
    assertAllowed(
      OrganisationPolicy.canCreate(actor, input.kind),
      input.kind === 'operator'
        ? 'Only instance administrators add operator organisations.'
        : 'Only programme managers add organisations.',
    );
    if (input.sme !== undefined && input.kind !== 'startup') {
      throw new ValidationFailedError('Only startups carry an SME flag.', [
        { field: 'sme', message: 'applies to startup organisations only' },
      ]);
    }
    const organisation = await this.dataSource.transaction(async (manager) => {
      await assertNameFree(manager, input.kind, input.name);
      const created = await manager.save(
        manager.create(Organisation, {
          name: input.name,
          kind: input.kind,
          sme: input.sme ?? null,
          website: input.website ?? null,
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: created.id,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(created),
        data: { name: created.name, kind: created.kind },
      });
      return created;
    });
    return OrganisationDto.from(organisation);
  }

  /** Edits name, website and SME flag; its admins or a programme manager; If-Match honoured. */
  async update(
    actor: Actor,
    id: string,
    input: UpdateOrganisationDto,
    expectedVersion?: number,
  ): Promise<OrganisationDto> {
    const visible = await this.findVisible(actor, id);
    assertAllowed(
      OrganisationPolicy.canEdit(actor, visible),
      'Only its own administrators and programme managers edit an organisation.',
    );
    if (input.sme !== undefined && input.sme !== null && visible.kind !== 'startup') {
      throw new ValidationFailedError('Only startups carry an SME flag.', [
        { field: 'sme', message: 'applies to startup organisations only' },
      ]);
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const organisation = await manager.getRepository(Organisation).findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organisation) throw new NotFoundError('Organisation', id);
      assertVersion('organisation', expectedVersion, organisation.version);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'sme', 'website'] as const) {
        const value = input[field];
        if (value === undefined || value === organisation[field]) continue;
        changes[field] = { from: organisation[field], to: value };
      }
      if (Object.keys(changes).length === 0) return organisation;
      if (changes.name) await assertNameFree(manager, organisation.kind, input.name as string, id);
      Object.assign(
        organisation,
        Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
      );
      const saved = await manager.save(organisation);
      await this.audit.record(manager, {
        actor,
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(organisation),
        data: { changes },
      });
      return saved;
    });
    return OrganisationDto.from(updated);
  }

  async list(actor: Actor, query: ListOrganisationsQueryDto): Promise<Page<OrganisationDto>> {
    const scope = OrganisationPolicy.listScope(actor);
    const qb = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    if (!(scope.sharedKinds && scope.operators)) {
      const clauses: string[] = [];
      if (scope.ids.length) clauses.push('o.id IN (:...ids)');
      if (scope.sharedKinds) clauses.push(`o.kind <> 'operator'`);
      if (scope.operators) clauses.push(`o.kind = 'operator'`);
      if (!clauses.length) return { items: [], nextCursor: null };
      qb.andWhere(`(${clauses.join(' OR ')})`, { ids: scope.ids });
    }
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    const page = await paginate(qb, {
      alias: 'o',
      sortBy: 'name',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (o) => OrganisationDto.from(o));
  }

  async get(actor: Actor, id: string): Promise<OrganisationDto> {
    return OrganisationDto.from(await this.findVisible(actor, id));
  }

  /** The organisation when the caller may see it; 404 otherwise (also when it does not exist). */
  async findVisible(actor: Actor, id: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id });
    assertVisible(
      !!organisation && OrganisationPolicy.canSee(actor, organisation),
      'Organisation',
      id,
    );
    return organisation as Organisation;
  }
}

/** Case and white space do not make another name: `Fife  council` is `Fife Council`. */
const NORMALISED_NAME = `lower(regexp_replace(btrim(name), '\\s+', ' ', 'g'))`;

/**
 * 409 when another organisation of the same kind has this name, compared case- and
 * space-insensitively. The advisory lock (per kind and normalised name, until the transaction
 * ends) serialises two creations or renames racing to one name.
 */
async function assertNameFree(
  manager: EntityManager,
  kind: OrganisationKind,
  name: string,
  exceptId?: string,
): Promise<void> {
  const normalised = name.trim().replace(/\s+/g, ' ').toLowerCase();
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `organisation-name:${kind}:${normalised}`,
  ]);
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM organisations
      WHERE kind = $1 AND ${NORMALISED_NAME} = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)
      LIMIT 1`,
    [kind, normalised, exceptId ?? null],
  );
  if (rows.length) {
    throw new OrganisationNameTakenError(kind, name);
  }
}
