import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditActor, AuditService } from '@catalyst/audit';
import { JobName, JobProducer } from '@catalyst/queues';
import { PingReceipt } from './ping-receipt.entity';

@Injectable()
export class PingService {
  constructor(
    private readonly producer: JobProducer,
    @InjectRepository(PingReceipt) private readonly receipts: Repository<PingReceipt>,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Queues a ping with a deterministic job id, so sending the same ping twice queues it once.
   * Audited once the job is queued (the queue is not part of the database transaction).
   */
  async send(actor: AuditActor, pingId: string = randomUUID()): Promise<string> {
    await this.producer.enqueue(JobName.Ping, { pingId }, { jobId: `ping.${pingId}` });
    await this.audit.record(this.dataSource.manager, {
      actor,
      action: 'ping.sent',
      entityType: 'ping',
      entityId: pingId,
    });
    return pingId;
  }

  receipt(pingId: string): Promise<PingReceipt | null> {
    return this.receipts.findOneBy({ pingId });
  }
}
