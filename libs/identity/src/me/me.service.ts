import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import type { Actor } from '../auth/actor';
import type { OrganisationKind, Role } from '../roles';
import type { MeDto } from './me.view';

interface Row {
  id: string;
  email: string;
  name: string;
  organisation_id: string | null;
  organisation_kind: OrganisationKind | null;
  organisation_name: string | null;
  role: Role | null;
}

@Injectable()
export class MeService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller and their memberships (with organisation names), in one query. */
  async get(actor: Actor): Promise<MeDto> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, o.id AS organisation_id, o.kind AS organisation_kind,
              o.name AS organisation_name, m.role
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE u.id = $1
        ORDER BY o.name, m.role`,
      [actor.userId],
    );
    const first = rows[0];
    if (!first) throw new NotFoundError('User', actor.userId);
    return {
      id: first.id,
      email: first.email,
      name: first.name,
      memberships: rows
        .filter((r) => r.organisation_id !== null)
        .map((r) => ({
          organisationId: r.organisation_id as string,
          organisationKind: r.organisation_kind as OrganisationKind,
          organisationName: r.organisation_name as string,
          role: r.role as Role,
        })),
    };
  }
}
