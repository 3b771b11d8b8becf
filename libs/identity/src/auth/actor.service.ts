import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganisationKind, Role } from '../roles';
import { Actor } from './actor';

interface ActorRow {
  id: string;
  email: string;
  name: string;
  organisation_id: string | null;
  organisation_kind: OrganisationKind | null;
  role: Role | null;
}

@Injectable()
export class ActorService {
  constructor(private readonly dataSource: DataSource) {}

  /** The active user with their memberships, in one query; null when unknown or disabled. */
  async load(userId: string, correlationId?: string, sessionId?: string): Promise<Actor | null> {
    const rows: ActorRow[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, m.organisation_id, o.kind AS organisation_kind, m.role
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE u.id = $1 AND u.disabled_at IS NULL`,
      [userId],
    );
    const first = rows[0];
    if (!first) return null;
    const memberships = rows
      .filter((r) => r.organisation_id && r.organisation_kind && r.role)
      .map((r) => ({
        organisationId: r.organisation_id as string,
        organisationKind: r.organisation_kind as OrganisationKind,
        role: r.role as Role,
      }));
    return new Actor(first.id, first.email, first.name, memberships, correlationId, sessionId);
  }
}
