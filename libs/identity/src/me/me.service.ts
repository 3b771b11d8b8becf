import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { NotFoundError, assertVersion } from '@catalyst/common';
import { User } from '../entities/user.entity';
import type { Actor } from '../auth/actor';
import type { OrganisationKind, Role } from '../roles';
import type { MeDto } from './me.view';
import type { UpdateMeDto } from './update-me.dto';

interface Row {
  id: string;
  email: string;
  name: string;
  version: number;
  organisation_id: string | null;
  organisation_kind: OrganisationKind | null;
  organisation_name: string | null;
  role: Role | null;
}

@Injectable()
export class MeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Edits the caller's own profile (their name); If-Match carries the version read. */
  async update(actor: Actor, input: UpdateMeDto, expectedVersion?: number): Promise<MeDto> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOne({
        where: { id: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new NotFoundError('User', actor.userId);
      assertVersion('user', expectedVersion, user.version);
      if (input.name === undefined || input.name === user.name) return;
      const from = user.name;
      user.name = input.name;
      await manager.save(user);
      await this.audit.record(manager, {
        actor,
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        data: { changes: { name: { from, to: input.name } } },
      });
    });
    return this.get(actor);
  }

  /** The caller and their memberships (with organisation names), in one query. */
  async get(actor: Actor): Promise<MeDto> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.version, o.id AS organisation_id, o.kind AS organisation_kind,
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
    const managed = actor.managedProgrammeIds;
    const programmes: { id: string; name: string; slug: string }[] = managed.length
      ? await this.dataSource.query(
          'SELECT id, name, slug FROM programmes WHERE id = ANY($1::uuid[]) ORDER BY name, id',
          [managed],
        )
      : [];
    return {
      id: first.id,
      email: first.email,
      name: first.name,
      version: first.version,
      memberships: rows
        .filter((r) => r.organisation_id !== null)
        .map((r) => ({
          organisationId: r.organisation_id as string,
          organisationKind: r.organisation_kind as OrganisationKind,
          organisationName: r.organisation_name as string,
          role: r.role as Role,
        })),
      programmes,
      instanceAdmin: actor.isInstanceAdmin,
    };
  }
}
