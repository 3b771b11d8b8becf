import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQueryDto, mapPage, paginate } from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed } from '../policy/visibility';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import type { MemberDto } from './member.view';

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  /** An organisation's members by name: one query per page, keyset on (name, membership id). */
  async list(actor: Actor, organisationId: string, query: PageQueryDto): Promise<Page<MemberDto>> {
    const organisation = await this.organisations.findVisible(actor, organisationId);
    assertAllowed(
      OrganisationPolicy.canSeeMembers(actor, organisation),
      'Only its members and programme managers see who belongs to an organisation.',
    );
    const qb = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.organisationId = :organisationId', { organisationId });
    const page = await paginate(qb, {
      alias: 'm',
      sortExpression: 'u.name',
      sortType: 'text',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (m): MemberDto => {
      const user = m.user as User;
      return {
        membershipId: m.id,
        userId: user.id,
        name: user.name,
        email: user.email,
        role: m.role,
        since: m.createdAt.toISOString(),
      };
    });
  }
}
