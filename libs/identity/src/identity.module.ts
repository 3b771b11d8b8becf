import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from './auth/password-hasher.service';
import { RefreshTokens } from './auth/refresh-tokens.service';
import { SessionService } from './auth/session.service';
import { BootstrapAdminService } from './bootstrap/bootstrap-admin.service';
import { IdentityCoreModule } from './identity-core.module';
import { AcceptInvitationService } from './invitations/accept-invitation.service';
import {
  INVITATION_MAILER,
  InvitationDelivery,
  NoInvitationDelivery,
} from './invitations/invitation-delivery';
import { InvitationsService } from './invitations/invitations.service';
import { MeService } from './me/me.service';
import { MembersService } from './members/members.service';
import { OrganisationsService } from './organisations/organisations.service';
import { PasswordsService } from './passwords/passwords.service';
import { RegistrationService } from './registration/registration.service';
import { IdentityProvidersService } from './sso/identity-providers.service';
import { OidcClients } from './sso/oidc-clients.service';
import { SsoService } from './sso/sso.service';

const SERVICES = [
  PasswordHasher,
  RefreshTokens,
  SessionService,
  RegistrationService,
  MeService,
  OrganisationsService,
  MembersService,
  InvitationsService,
  AcceptInvitationService,
  BootstrapAdminService,
  PasswordsService,
  IdentityProvidersService,
  OidcClients,
  SsoService,
];

/**
 * The identity use cases: registration, sessions, organisations, memberships, invitations.
 * On start it bootstraps the first programme manager when the environment asks for one.
 */
@Module({
  imports: [IdentityCoreModule],
  providers: [
    ...SERVICES,
    {
      // The app binds INVITATION_MAILER to a real sender (notifications); else nothing is sent.
      provide: InvitationDelivery,
      useFactory: (mailer?: InvitationDelivery) => mailer ?? new NoInvitationDelivery(),
      inject: [{ token: INVITATION_MAILER, optional: true }],
    },
  ],
  exports: [...SERVICES, InvitationDelivery, IdentityCoreModule],
})
export class IdentityModule implements OnApplicationBootstrap {
  constructor(private readonly bootstrap: BootstrapAdminService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bootstrap.run();
  }
}
