import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { JobName, JobProducer } from '@catalyst/queues';
import { PingReceipt } from './ping-receipt.entity';

@Injectable()
export class PingService {
  constructor(
    private readonly producer: JobProducer,
    @InjectRepository(PingReceipt) private readonly receipts: Repository<PingReceipt>,
  ) {}

  /** Queues a ping with a deterministic job id, so sending the same ping twice queues it once. */
  async send(pingId: string = randomUUID()): Promise<string> {
    await this.producer.enqueue(JobName.Ping, { pingId }, { jobId: `ping.${pingId}` });
    return pingId;
  }

  receipt(pingId: string): Promise<PingReceipt | null> {
    return this.receipts.findOneBy({ pingId });
  }
}
