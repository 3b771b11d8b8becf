import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobProducer } from '@catalyst/queues';

export interface OutboxRelayOptions {
  /** Pause between polls when the outbox is empty (ms). */
  pollMs?: number;
  /** Longest pause after failures while the queue backend is down (ms). */
  maxBackoffMs?: number;
  /** Rows relayed per transaction. */
  batchSize?: number;
  /** How long one add to the queue backend may take before the batch is retried (ms). */
  addTimeoutMs?: number;
  /** Start the poll loop with the application (tests drive `relayOnce` themselves). */
  autoStart?: boolean;
}

export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

interface PendingRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  job_data: Record<string, unknown>;
  job_options: JobsOptions;
}

/**
 * Relays outbox rows to BullMQ, in the worker. Each pass locks the oldest unrelayed rows with
 * FOR UPDATE SKIP LOCKED (several workers share the work and never take the same row), adds
 * one job per row under the row's deterministic job id, and stamps the rows relayed in the same
 * transaction. It selects by `relayed_at IS NULL`, not "id above the last one relayed":
 * transactions commit out of id order, and a cursor would skip a row whose transaction
 * committed after a later id's.
 *
 * If the queue backend is down the pass fails, nothing is stamped, and the loop backs off and
 * tries again; a job added by a pass that then failed is added again under the same id, which
 * BullMQ ignores, so each event becomes one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;
  private readonly batchSize: number;
  private readonly addTimeoutMs: number;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.batchSize = options.batchSize ?? 100;
    this.addTimeoutMs = options.addTimeoutMs ?? 5000;
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart === false) return;
    this.loop = this.run();
  }

  /** Stops the loop first thing at shutdown, before the data source and queues close. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** One pass: relays up to a batch of pending rows; returns how many. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, job_data, job_options
           FROM outbox_events
          WHERE relayed_at IS NULL
          ORDER BY id
          LIMIT $1
            FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      for (const row of rows) {
        await this.withTimeout(
          this.producer
            .queue(row.queue)
            .add(row.job_name, row.job_data, { ...row.job_options, jobId: row.job_id }),
        );
      }
      await manager.query(
        `UPDATE outbox_events SET relayed_at = clock_timestamp() WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
        if (failures > 0) this.logger.log('Relaying outbox events again');
        failures = 0;
      } catch (error) {
        if (failures === 0) {
          this.logger.warn(
            `Cannot relay outbox events, retrying with backoff: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        failures++;
      }
      if (this.stopped) break;
      // A full batch means more may be waiting: go straight on.
      if (failures === 0 && relayed === this.batchSize) continue;
      const backoff = Math.min(this.maxBackoffMs, this.pollMs * 2 ** Math.min(failures, 10));
      await this.sleep(failures ? backoff : this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the queue backend did not answer in ${this.addTimeoutMs} ms`)),
        this.addTimeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}
