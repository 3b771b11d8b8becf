import { Module } from '@nestjs/common';
import { IdentityModule } from '@catalyst/identity';
import { NotificationsModule } from '@catalyst/notifications';
import { AuditController } from '../audit/audit.controller';
import { AuthController } from './auth.controller';
import { IdentityProvidersController } from './identity-providers.controller';
import { InvitationsController } from './invitations.controller';
import { MeController } from './me.controller';
import { OrganisationsController } from './organisations.controller';
import { PasswordResetsController } from './password-resets.controller';
import { ProgrammesController } from './programmes.controller';
import { SsoController } from './sso.controller';

/** The HTTP side of the identity domain (and of the audit trail): its controllers. */
@Module({
  // The sign-in rate limit's throttler is configured by AuthRateLimitModule (in ApiModule).
  imports: [IdentityModule, NotificationsModule],
  controllers: [
    AuthController,
    MeController,
    OrganisationsController,
    InvitationsController,
    PasswordResetsController,
    ProgrammesController,
    AuditController,
    IdentityProvidersController,
    SsoController,
  ],
})
export class IdentityHttpModule {}
