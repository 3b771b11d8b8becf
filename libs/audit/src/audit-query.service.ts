import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, mapPage, paginate } from '@catalyst/common';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventDto } from './audit-event.view';
import type { AuditQueryDto } from './list-audit-events.query';
import { AuditPolicy, type AuditReader } from './audit.policy';

/**
 * Reads the audit trail, newest first, in the order events were written: by the time of each
 * row's write, then its sequence number (two rows can share a microsecond), one query per page
 * (the one keyset paginator keeps the cursor's timestamp to the microsecond, so events written
 * within one millisecond are neither skipped nor repeated).
 */
@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** 403 unless the caller may read the trail (AuditPolicy), whichever door they came in by. */
  async list(reader: AuditReader, query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    AuditPolicy.assertCanRead(reader);
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    const programmes = AuditPolicy.programmeScope(reader);
    const operators = AuditPolicy.operatorScope(reader);
    const instanceLevel =
      operators === 'all'
        ? 'e.programmeId IS NULL'
        : operators.length
          ? '(e.programmeId IS NULL AND (e.operatorOrganisationId IS NULL' +
            ' OR e.operatorOrganisationId IN (:...scopeOperators)))'
          : '(e.programmeId IS NULL AND e.operatorOrganisationId IS NULL)';
    qb.andWhere(
      programmes.length
        ? `(${instanceLevel} OR e.programmeId IN (:...scopeProgrammes))`
        : instanceLevel,
      { scopeProgrammes: programmes, scopeOperators: operators === 'all' ? [] : operators },
    );
    if (query.programmeId) {
      qb.andWhere('e.programmeId = :programmeId', { programmeId: query.programmeId });
    }
    if (query.entityType)
      qb.andWhere('e.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    const page = await paginate(qb, {
      alias: 'e',
      sortBy: 'at',
      tiebreak: { property: 'seq', column: 'seq', type: 'bigint' },
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, toDto);
  }
}

function toDto(e: AuditEvent): AuditEventDto {
  return {
    id: e.id,
    actorId: e.actorId,
    programmeId: e.programmeId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    from: e.fromState,
    to: e.toState,
    reason: e.reason,
    correlationId: e.correlationId,
    data: e.data,
    at: e.at.toISOString(),
  };
}
