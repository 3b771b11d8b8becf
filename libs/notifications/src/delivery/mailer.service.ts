import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** SMTP connections one worker keeps open at most (the worker runs 10 jobs at a time). */
const MAX_SMTP_CONNECTIONS = 5;

/** Outgoing mail through SMTP_URL (nodemailer); without it, nothing is e-mailed at all. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.smtpUrl;
  }

  /** The sender: notifications@ the host people reach Catalyst at. */
  get from(): string {
    return `Catalyst <notifications@${new URL(this.config.publicUrl).hostname}>`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config.smtpUrl) throw new Error('No mail system is configured (SMTP_URL)');
    // Pooled: a few SMTP connections kept open and reused, instead of a connection (and a TLS
    // handshake) per message; the worker sends reminders and updates in bursts.
    this.transport ??= createTransport({
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: MAX_SMTP_CONNECTIONS,
    });
    await this.transport.sendMail({ from: this.from, ...mail });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
