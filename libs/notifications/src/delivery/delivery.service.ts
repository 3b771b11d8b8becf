import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Clock, type AppConfig } from '@catalyst/common';
import { JobProducer } from '@catalyst/queues';
import { type Message, type Recipient, absoluteLink, renderEmail } from '../rules/message';
import { SEND_EMAIL_JOB } from './send-email.job';

/** One thing to tell some people, under its exactly-once key (less the recipient). */
export interface DeliveryRequest {
  rule: string;
  /** `<entityType>:<id>`. */
  subject: string;
  occasion: string;
  essential: boolean;
  recipients: readonly Recipient[];
  message: Message;
  /** The message carries a secret: blank it once sent (invitations). */
  secret?: boolean;
  /** E-mail only (someone without an account cannot have an in-app inbox). */
  emailOnly?: boolean;
}

export const recipientKey = (r: Recipient) => (r.userId ? `user:${r.userId}` : `email:${r.email}`);

/**
 * The one way anyone is told anything: records each (rule, subject, occasion, recipient,
 * channel) once, writes the in-app notification with the delivery that created it, and queues
 * each pending e-mail under a job id derived from its delivery (so two callers queue it once).
 * Without SMTP_URL there is no e-mail channel at all: in-app only.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // The worker queues e-mail; the API records deliveries inside a request's transaction and
    // leaves the queueing to the worker's event routing (requests never enqueue).
    @Optional() private readonly producer?: JobProducer,
  ) {}

  /** Records the deliveries (own transaction) and queues the pending e-mails. */
  async tell(requests: readonly DeliveryRequest[]): Promise<void> {
    if (requests.length === 0) return;
    await this.dataSource.transaction((m) => this.record(m, requests));
    for (const r of requests) await this.kick(r.rule, r.subject, r.occasion);
  }

  /** Records deliveries in the caller's transaction; the e-mail is queued later by `kick`. */
  async record(manager: EntityManager, requests: readonly DeliveryRequest[]): Promise<void> {
    const now = this.clock.now();
    for (const request of requests) {
      const recipients = uniqueRecipients(request.recipients);
      const optedOut = await this.optedOut(manager, recipients);
      for (const recipient of recipients) {
        const recipientId = recipientKey(recipient);
        if (recipient.userId && !request.emailOnly) {
          const created: { id: string }[] = await manager.query(
            `INSERT INTO notification_deliveries
               (rule, subject, occasion, recipient, channel, status, essential, sent_at, created_at)
             VALUES ($1, $2, $3, $4, 'in_app', 'sent', $5, $6, $6)
             ON CONFLICT (rule, subject, occasion, recipient, channel) DO NOTHING
             RETURNING id`,
            [request.rule, request.subject, request.occasion, recipientId, request.essential, now],
          );
          if (created.length) {
            const [subjectType, ...rest] = request.subject.split(':');
            await manager.query(
              `INSERT INTO notifications (user_id, kind, title, body, link, subject_type, subject_id, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [
                recipient.userId,
                request.rule,
                request.message.title,
                request.message.paragraphs.join('\n\n'),
                request.message.link
                  ? absoluteLink(this.config.publicUrl, request.message.link.path)
                  : null,
                subjectType,
                rest.join(':'),
                now,
              ],
            );
          }
        }
        if (!this.config.smtpUrl) continue;
        const suppressed =
          !request.essential && !!recipient.userId && optedOut.has(recipient.userId);
        const mail = renderEmail(request.message, recipient, {
          publicUrl: this.config.publicUrl,
          essential: request.essential,
        });
        await manager.query(
          `INSERT INTO notification_deliveries
             (rule, subject, occasion, recipient, channel, status, essential, email_to,
              email_subject, email_text, email_html, email_headers, secret, created_at)
           VALUES ($1, $2, $3, $4, 'email', $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (rule, subject, occasion, recipient, channel) DO NOTHING`,
          [
            request.rule,
            request.subject,
            request.occasion,
            recipientId,
            suppressed ? 'suppressed' : 'pending',
            request.essential,
            recipient.email,
            mail.subject,
            suppressed ? null : mail.text,
            suppressed ? null : mail.html,
            JSON.stringify(mail.headers),
            request.secret ?? false,
            now,
          ],
        );
      }
    }
  }

  /**
   * Queues every pending e-mail of one rule, subject and occasion (idempotent: job ids come
   * from the deliveries). A route or scan that died between recording and queueing is caught
   * up by its retry, which finds the rows already recorded and queues them here.
   */
  async kick(rule: string, subject: string, occasion?: string): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    if (!this.producer) throw new Error('Queueing e-mail needs the queues (the worker)');
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notification_deliveries
        WHERE rule = $1 AND subject = $2 AND ($3::text IS NULL OR occasion = $3)
          AND channel = 'email' AND status = 'pending'`,
      [rule, subject, occasion ?? null],
    );
    for (const row of rows) {
      await this.producer.enqueue(
        SEND_EMAIL_JOB,
        { deliveryId: row.id },
        { jobId: `send-email.${row.id}` },
      );
    }
    return rows.length;
  }

  private async optedOut(
    manager: EntityManager,
    recipients: readonly Recipient[],
  ): Promise<Set<string>> {
    const ids = recipients.flatMap((r) => (r.userId ? [r.userId] : []));
    if (!ids.length) return new Set();
    const rows: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM notification_preferences
        WHERE user_id = ANY($1::uuid[]) AND NOT non_essential_email`,
      [ids],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}

function uniqueRecipients(recipients: readonly Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of recipients) seen.set(recipientKey(r), seen.get(recipientKey(r)) ?? r);
  return [...seen.values()];
}
