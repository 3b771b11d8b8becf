import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';
import { IdentityModule } from '@catalyst/identity';
import { AuditController } from '../audit/audit.controller';
import { AuthController } from './auth.controller';
import { InvitationsController } from './invitations.controller';
import { MeController } from './me.controller';
import { OrganisationsController } from './organisations.controller';

/** The HTTP side of the identity domain (and of the audit trail): its controllers. */
@Module({
  imports: [
    IdentityModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.authRateLimitPerMinute }],
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    OrganisationsController,
    InvitationsController,
    AuditController,
  ],
})
export class IdentityHttpModule {}
