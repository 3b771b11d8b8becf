import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  Page,
  PageQueryDto,
  ValidationFailedError,
  decodeCursor,
  encodeCursor,
} from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed } from '../policy/visibility';
import type { Role } from '../roles';
import { OrganisationsService } from '../organisations/organisations.service';
import type { MemberDto } from './member.dto';

interface MemberRow {
  membership_id: string;
  user_id: string;
  name: string;
  email: string;
  role: Role;
  since: Date;
}

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
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [organisationId, limit + 1];
    let after = '';
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, 2);
      if (typeof name !== 'string' || typeof id !== 'string' || !isUUID(id)) {
        throw new ValidationFailedError('The cursor is not one this API issued.', [
          { field: 'cursor', message: 'must be a nextCursor value returned by this list' },
        ]);
      }
      params.push(name, id);
      after = 'AND (u.name, m.id) > ($3, $4::uuid)';
    }
    const rows: MemberRow[] = await this.dataSource.query(
      `SELECT m.id AS membership_id, u.id AS user_id, u.name, u.email, m.role, m.created_at AS since
         FROM memberships m
         JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1 ${after}
        ORDER BY u.name, m.id
        LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit).map((r): MemberDto => ({
      membershipId: r.membership_id,
      userId: r.user_id,
      name: r.name,
      email: r.email,
      role: r.role,
      since: r.since.toISOString(),
    }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.membershipId]) : null,
    };
  }
}
