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
    this.transport ??= createTransport(this.config.smtpUrl);
    await this.transport.sendMail({ from: this.from, ...mail });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
