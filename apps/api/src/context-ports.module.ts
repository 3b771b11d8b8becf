import { Global, Module } from '@nestjs/common';
import { ChallengeApplicationsAdapter, PANEL_ASSESSMENTS } from '@catalyst/applications';
import { PanelAssessmentsAdapter } from '@catalyst/assessment';
import { INVITATION_MAILER } from '@catalyst/identity';
import { EmailInvitationDelivery, NotificationsModule } from '@catalyst/notifications';
import { CHALLENGE_APPLICATIONS } from '@catalyst/rounds';

/**
 * Where each context's port onto another context is bound to the owning context's adapter.
 * The consumer declares the port (interface + token); the owner, which already depends on the
 * consumer, implements it; only the composing app knows both, so no library imports in a
 * circle. Global, so each domain module finds its ports without importing the owner's module.
 */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [
    { provide: CHALLENGE_APPLICATIONS, useClass: ChallengeApplicationsAdapter },
    { provide: PANEL_ASSESSMENTS, useClass: PanelAssessmentsAdapter },
    // Invitations are e-mailed by notifications (when SMTP_URL is set).
    { provide: INVITATION_MAILER, useExisting: EmailInvitationDelivery },
  ],
  exports: [CHALLENGE_APPLICATIONS, PANEL_ASSESSMENTS, INVITATION_MAILER],
})
export class ContextPortsModule {}
