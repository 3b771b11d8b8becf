import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@catalyst/common';
import { HandlesJob, JobContext, JobHandler, MAIL_RETRY } from '@catalyst/queues';
import { Mailer } from './mailer.service';
import { SEND_EMAIL_JOB } from './send-email.job';

interface Row {
  id: string;
  status: string;
  email_to: string;
  email_subject: string;
  email_text: string;
  email_html: string;
  email_headers: Record<string, string> | null;
}

/**
 * Sends a pending e-mail once. The row stays locked while the message goes out and is marked
 * sent in the same transaction, before the job completes; a second job for the same delivery
 * (or a retry after success) finds it sent and does nothing. Should the commit fail after the
 * SMTP server took the message, the retry sends it again: the one at-least-once seam.
 */
@Injectable()
@HandlesJob(SEND_EMAIL_JOB)
export class SendEmailHandler implements JobHandler<{ deliveryId: string }> {
  private readonly logger = new Logger(SendEmailHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async handle(data: { deliveryId: string }, context: JobContext): Promise<{ sent: boolean }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row]: Row[] = await manager.query(
          `SELECT id, status, email_to, email_subject, email_text, email_html, email_headers
             FROM notification_deliveries WHERE id = $1 AND channel = 'email' FOR UPDATE`,
          [data.deliveryId],
        );
        if (!row || row.status !== 'pending') return { sent: false };
        await this.mailer.send({
          to: row.email_to,
          subject: row.email_subject,
          text: row.email_text,
          html: row.email_html,
          headers: row.email_headers ?? {},
        });
        await manager.query(
          `UPDATE notification_deliveries
              SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL,
                  email_text = CASE WHEN secret THEN NULL ELSE email_text END,
                  email_html = CASE WHEN secret THEN NULL ELSE email_html END
            WHERE id = $1`,
          [row.id, this.clock.now()],
        );
        return { sent: true };
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = context.attemptsMade + 1 >= (MAIL_RETRY.attempts ?? 1);
      await this.dataSource.query(
        `UPDATE notification_deliveries
            SET attempts = attempts + 1, last_error = $2,
                status = CASE WHEN $3 THEN 'failed' ELSE status END
          WHERE id = $1 AND status = 'pending'`,
        [data.deliveryId, message.slice(0, 500), last],
      );
      this.logger.warn({ deliveryId: data.deliveryId }, `E-mail not sent yet: ${message}`);
      throw error;
    }
  }
}
