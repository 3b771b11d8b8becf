import { ApiProperty } from '@nestjs/swagger';
import type { Notification } from './notification.entity';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'application-submitted', description: 'The rule that sent it' })
  kind: string;

  @ApiProperty({ example: 'Application received: Cleaner rivers' })
  title: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ nullable: true, type: String, description: 'Built from PUBLIC_URL' })
  link: string | null;

  @ApiProperty({ example: 'application' })
  subjectType: string;

  @ApiProperty()
  subjectId: string;

  @ApiProperty()
  read: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  readAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(n: Notification): NotificationDto {
    return {
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      read: n.readAt !== null,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    };
  }
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;

  @ApiProperty({ description: 'How many of the caller’s notifications are unread (all pages)' })
  unread: number;
}

export class ReadAllDto {
  @ApiProperty({ description: 'How many were marked read' })
  marked: number;

  @ApiProperty({ example: 0 })
  unread: number;
}
