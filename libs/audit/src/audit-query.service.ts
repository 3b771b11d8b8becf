import { Injectable } from '@nestjs/common';
import { isISO8601 } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  Page,
  ValidationFailedError,
  decodeCursor,
  encodeCursor,
} from '@catalyst/common';
import type { AuditEventDto } from './audit-event.dto';
import type { AuditQueryDto } from './audit-query.dto';

interface Row {
  id: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  correlation_id: string | null;
  data: Record<string, unknown> | null;
  at: Date;
  at_key: string;
  seq_key: string;
}

/**
 * Reads the audit trail, newest first, in the order events were written: by the time of each
 * row's write, then its sequence number (two rows can share a microsecond). The cursor carries
 * the full microsecond timestamp as text: a JavaScript Date keeps only milliseconds, and a
 * cursor rounded to them would skip or repeat events written within the same millisecond.
 */
@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.entityType) where.push(`entity_type = ${param(query.entityType)}`);
    if (query.entityId) where.push(`entity_id = ${param(query.entityId)}`);
    if (query.actorId) where.push(`actor_id = ${param(query.actorId)}`);
    if (query.cursor) {
      const [at, seq] = decodeCursor(query.cursor, 2);
      if (
        typeof at !== 'string' ||
        !isCursorTime(at) ||
        typeof seq !== 'string' ||
        !SEQ.test(seq)
      ) {
        throw new ValidationFailedError('The cursor is not one this API issued.', [
          { field: 'cursor', message: 'must be a nextCursor value returned by this list' },
        ]);
      }
      where.push(`(at, seq) < (${param(at)}::timestamptz, ${param(seq)}::bigint)`);
    }
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, actor_id, action, entity_type, entity_id, from_state, to_state, reason,
              correlation_id, data, at, seq::text AS seq_key,
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key
         FROM audit_events
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, seq DESC
        LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDto),
      nextCursor: rows.length > limit && last ? encodeCursor([last.at_key, last.seq_key]) : null,
    };
  }
}

const SEQ = /^[1-9]\d{0,18}$/;

/** Exactly the `at_key` this list issues (a loose ISO 8601 check lets '2020' through to SQL). */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
function isCursorTime(value: string): boolean {
  return CURSOR_TIME.test(value) && isISO8601(value, { strict: true });
}

function toDto(r: Row): AuditEventDto {
  return {
    id: r.id,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    from: r.from_state,
    to: r.to_state,
    reason: r.reason,
    correlationId: r.correlation_id,
    data: r.data,
    at: r.at.toISOString(),
  };
}
