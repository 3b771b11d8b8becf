import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '@catalyst/audit';
import { APP_CONFIG, Clock, returning, type AppConfig } from '@catalyst/common';
import { HandlesJob, JobContext, JobHandler, WEBHOOK_RETRY } from '@catalyst/queues';
import { DeliveryService } from '../delivery/delivery.service';
import { organisationAdmins } from '../rules/audiences';
import { DELIVER_WEBHOOK_JOB } from './deliver-webhook.job';
import { webhookAddressProblem } from './webhook-address';
import { signedHeaders } from './webhook-signature';

/** An endpoint failing for this long is disabled (and its organisation told). */
export const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;
const TIMEOUT_MS = 10_000;

interface Row {
  id: string;
  status: string;
  message_id: string;
  payload: Record<string, unknown>;
  attempts: number;
  endpoint_id: string;
  url: string;
  secret: string;
  endpoint_status: string;
  failing_since: Date | null;
  organisation_id: string;
}

/**
 * Posts one delivery, signed per Standard Webhooks, and logs the attempt whatever happens. A
 * 2xx answer succeeds (and clears the endpoint's failing streak); anything else throws, so
 * BullMQ retries with backoff, until the endpoint has failed for a day: then it is disabled,
 * its organisation's administrators are told, and the delivery is marked failed.
 * Redirects are not followed (a redirect could point inside the network).
 */
@Injectable()
@HandlesJob(DELIVER_WEBHOOK_JOB)
export class DeliverWebhookHandler implements JobHandler<{ deliveryId: string }> {
  private readonly logger = new Logger(DeliverWebhookHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(data: { deliveryId: string }, context: JobContext): Promise<{ status: string }> {
    const [row]: Row[] = await this.dataSource.query(
      `SELECT d.id, d.status, d.message_id, d.payload, d.attempts, e.id AS endpoint_id, e.url,
              e.secret, e.status AS endpoint_status, e.failing_since, e.organisation_id
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [data.deliveryId],
    );
    if (!row || row.status !== 'pending') return { status: row?.status ?? 'gone' };
    if (row.endpoint_status !== 'active') {
      await this.setStatus(row.id, 'cancelled');
      return { status: 'cancelled' };
    }
    const body = JSON.stringify(row.payload);
    const started = Date.now();
    const at = this.clock.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    const refused = await webhookAddressProblem(row.url, this.config.webhookAllowPrivateAddresses);
    if (refused) {
      error = `The URL ${refused}`;
    } else {
      try {
        const response = await fetch(row.url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Catalyst-Webhooks/1',
            // The signature's timestamp is the real time: receivers check it against their
            // own clock (replay protection), whatever the domain clock says.
            ...signedHeaders(row.secret, row.message_id, new Date(), body),
          },
          body,
        });
        statusCode = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (statusCode < 200 || statusCode > 299) error = `The receiver answered ${statusCode}`;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const number = row.attempts + 1;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, number, at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.id, number, at, statusCode, error?.slice(0, 500) ?? null, Date.now() - started],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET attempts = $2, last_status_code = $3,
                status = CASE WHEN $4 THEN 'succeeded' ELSE status END
          WHERE id = $1`,
        [row.id, number, statusCode, error === null],
      );
      await manager.query(
        error === null
          ? 'UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1'
          : 'UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1',
        error === null ? [row.endpoint_id] : [row.endpoint_id, at],
      );
    });
    if (error === null) return { status: 'succeeded' };

    const failingSince = row.failing_since ?? at;
    if (at.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS) {
      await this.disable(row, at);
      return { status: 'failed' };
    }
    if (context.attemptsMade + 1 >= (WEBHOOK_RETRY.attempts ?? 1)) {
      await this.setStatus(row.id, 'failed');
    }
    this.logger.warn({ deliveryId: row.id }, `Webhook not delivered yet: ${error}`);
    throw refused ? new UnrecoverableError(error) : new Error(error);
  }

  private async setStatus(id: string, status: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $2 WHERE id = $1 AND status = 'pending'`,
      [id, status],
    );
  }

  private async disable(row: Row, at: Date): Promise<void> {
    const reason = 'Every delivery failed for more than a day.';
    const disabled = await this.dataSource.transaction(async (manager) => {
      const rows = await returning<{ id: string }>(
        manager,
        `UPDATE webhook_endpoints
            SET status = 'disabled', disabled_at = $2, disabled_reason = $3, version = version + 1
          WHERE id = $1 AND status = 'active' RETURNING id`,
        [row.endpoint_id, at, reason],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'failed' WHERE endpoint_id = $1 AND status = 'pending'`,
        [row.endpoint_id],
      );
      if (rows.length) {
        await this.audit.record(manager, {
          actor: SYSTEM_ACTOR,
          action: 'webhook_endpoint.disabled',
          entityType: 'webhook_endpoint',
          entityId: row.endpoint_id,
          from: 'active',
          to: 'disabled',
          reason,
          data: { organisationId: row.organisation_id },
        });
      }
      return rows;
    });
    if (!disabled.length) return;
    await this.deliveries.tell([
      {
        rule: 'webhook-disabled',
        subject: `webhook_endpoint:${row.endpoint_id}`,
        occasion: `disabled:${at.toISOString()}`,
        essential: true,
        recipients: await organisationAdmins(this.dataSource.manager, row.organisation_id),
        message: {
          title: 'A webhook was turned off',
          paragraphs: [
            `We could not deliver events to ${row.url} for more than a day, so we have stopped sending to it.`,
            'Fix the receiver, then turn the webhook back on (PATCH it with status "active"). The delivery log shows every attempt.',
          ],
          link: {
            path: `/organisations/${row.organisation_id}/webhooks/${row.endpoint_id}`,
            label: 'See the webhook',
          },
        },
      },
    ]);
  }
}
