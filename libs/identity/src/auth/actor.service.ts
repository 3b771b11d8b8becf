import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';
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
  programme_ids: string[] | null;
  instance_admin: boolean;
}

@Injectable()
export class ActorService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The active user with their memberships (a programme manager's with the programmes their
   * operator runs), in one query; null when unknown or disabled.
   */
  async load(userId: string, correlationId?: string, sessionId?: string): Promise<Actor | null> {
    const rows: ActorRow[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.instance_admin, m.organisation_id,
              o.kind AS organisation_kind, m.role,
              CASE WHEN m.role = 'programme_manager' AND o.kind = 'operator' THEN
                ARRAY(SELECT p.id FROM programmes p
                       WHERE p.operator_organisation_id = m.organisation_id ORDER BY p.id)
              END AS programme_ids
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
        ...(r.programme_ids ? { programmeIds: r.programme_ids } : {}),
      }));
    const instanceAdmin =
      first.instance_admin || this.config.instanceAdminEmails.includes(first.email.toLowerCase());
    return new Actor(
      first.id,
      first.email,
      first.name,
      memberships,
      correlationId,
      sessionId,
      instanceAdmin,
    );
  }
}
