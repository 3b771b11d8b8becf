import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import type { OrganisationKind } from '../roles';

/**
 * The identity context's answer to other contexts asking about an organisation without a
 * caller's visibility in play (the rounds context checking that a challenge's owner is a
 * sponsor): they ask here instead of reading the organisations table.
 */
@Injectable()
export class OrganisationDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** The organisation's kind, or null when there is no such organisation. */
  async kindOf(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationKind | null> {
    const organisation = await manager.findOne(Organisation, {
      select: { id: true, kind: true },
      where: { id },
    });
    return organisation?.kind ?? null;
  }

  /** The organisations' names (for a caller's own memberships), by name; unknown ids left out. */
  async named(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(Organisation, {
      select: { id: true, name: true },
      where: { id: In([...ids]) },
      order: { name: 'ASC' },
    });
  }
}
