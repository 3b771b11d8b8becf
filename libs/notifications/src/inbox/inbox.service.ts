import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Clock, NotFoundError, mapPage, paginate } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import type { ListNotificationsQueryDto } from './list-notifications.query';
import { Notification } from './notification.entity';
import { NotificationDto, type NotificationPageDto, type ReadAllDto } from './notification.view';

/**
 * The caller's in-app notifications. Only ever one's own: another person's is 404. Marking
 * read is the reader's own bookkeeping, not a change to anything shared, so it is not audited.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: actor.userId });
    const page = await paginate(qb, {
      alias: 'n',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { ...mapPage(page, (n) => NotificationDto.from(n)), unread: await this.unread(actor) };
  }

  async read(actor: Actor, id: string): Promise<NotificationDto> {
    const repo = this.dataSource.getRepository(Notification);
    const found = await repo.findOneBy({ id, userId: actor.userId });
    if (!found) throw new NotFoundError('Notification', id);
    if (!found.readAt) {
      await repo.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
    }
    return NotificationDto.from(await repo.findOneByOrFail({ id }));
  }

  async readAll(actor: Actor): Promise<ReadAllDto> {
    const result = await this.dataSource
      .getRepository(Notification)
      .update({ userId: actor.userId, readAt: IsNull() }, { readAt: this.clock.now() });
    return { marked: result.affected ?? 0, unread: await this.unread(actor) };
  }

  /** How many of the caller's notifications are unread (the web header's count). */
  unreadCount(actor: Actor): Promise<number> {
    return this.unread(actor);
  }

  private async unread(actor: Actor): Promise<number> {
    return this.dataSource
      .getRepository(Notification)
      .countBy({ userId: actor.userId, readAt: IsNull() });
  }
}
