import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditActor, AuditService } from '@catalyst/audit';
import '../ops.events';
import { PingReceipt } from './ping-receipt.entity';

@Injectable()
export class PingService {
  constructor(
    @InjectRepository(PingReceipt) private readonly receipts: Repository<PingReceipt>,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Records `ping.sent`, a published event: its outbox row commits with the audit row and the
   * worker's relay queues the job (id `ping.<pingId>`, so sending the same ping twice queues
   * it once). Nothing here talks to the queue backend, so a queue outage does not stall it.
   */
  async send(actor: AuditActor, pingId: string = randomUUID()): Promise<string> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor,
        action: 'ping.sent',
        entityType: 'ping',
        entityId: pingId,
      }),
    );
    return pingId;
  }

  receipt(pingId: string): Promise<PingReceipt | null> {
    return this.receipts.findOneBy({ pingId });
  }
}
