import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Page, ValidationFailedError, mapPage, paginate } from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed, assertVisible } from '../policy/visibility';
import type { CreateOrganisationDto } from './create-organisation.dto';
import type { ListOrganisationsQueryDto } from './list-organisations.query';
import { OrganisationDto } from './organisation.view';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CreateOrganisationDto): Promise<OrganisationDto> {
    assertAllowed(
      OrganisationPolicy.canCreate(actor),
      'Only programme managers add organisations.',
    );
    if (input.sme !== undefined && input.kind !== 'startup') {
      throw new ValidationFailedError('Only startups carry an SME flag.', [
        { field: 'sme', message: 'applies to startup organisations only' },
      ]);
    }
    const organisation = await this.dataSource.transaction(async (manager) => {
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
        data: { name: created.name, kind: created.kind },
      });
      return created;
    });
    return OrganisationDto.from(organisation);
  }

  async list(actor: Actor, query: ListOrganisationsQueryDto): Promise<Page<OrganisationDto>> {
    const scope = OrganisationPolicy.listScope(actor);
    const qb = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    if (scope !== 'all') {
      if (scope.length === 0) return { items: [], nextCursor: null };
      qb.andWhere('o.id IN (:...ids)', { ids: scope });
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
