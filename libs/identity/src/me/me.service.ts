import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { NotFoundError, assertVersion } from '@catalyst/common';
import { User } from '../entities/user.entity';
import type { Actor } from '../auth/actor';
import type { MeDto } from './me.view';
import type { UpdateMeDto } from './update-me.dto';

interface Row {
  id: string;
  email: string;
  name: string;
  version: number;
  memberships: MeDto['memberships'];
  programmes: MeDto['programmes'];
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

  /**
   * The caller, their memberships (with organisation names) and the programmes they manage,
   * in one statement (it ran as two).
   */
  async get(actor: Actor): Promise<MeDto> {
    const [row]: Row[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.version,
              COALESCE((SELECT json_agg(json_build_object(
                                 'organisationId', o.id, 'organisationKind', o.kind,
                                 'organisationName', o.name, 'role', m.role)
                               ORDER BY o.name, m.role)
                          FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                         WHERE m.user_id = u.id), '[]') AS memberships,
              COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'slug', p.slug)
                               ORDER BY p.name, p.id)
                          FROM programmes p WHERE p.id = ANY($2::uuid[])), '[]') AS programmes
         FROM users u
        WHERE u.id = $1`,
      [actor.userId, actor.managedProgrammeIds],
    );
    if (!row) throw new NotFoundError('User', actor.userId);
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      version: row.version,
      memberships: row.memberships,
      programmes: row.programmes,
      instanceAdmin: actor.isInstanceAdmin,
    };
  }
}
