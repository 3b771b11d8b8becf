import { Global, Module } from '@nestjs/common';
import { ChallengeApplicationsAdapter, PANEL_ASSESSMENTS } from '@catalyst/applications';
import { PanelAssessmentsAdapter } from '@catalyst/assessment';
import { CHALLENGE_APPLICATIONS } from '@catalyst/rounds';

/**
 * Where each context's port onto another context is bound to the owning context's adapter.
 * The consumer declares the port (interface + token); the owner, which already depends on the
 * consumer, implements it; only the composing app knows both, so no library imports in a
 * circle. Global, so each domain module finds its ports without importing the owner's module.
 */
@Global()
@Module({
  providers: [
    { provide: CHALLENGE_APPLICATIONS, useClass: ChallengeApplicationsAdapter },
    { provide: PANEL_ASSESSMENTS, useClass: PanelAssessmentsAdapter },
  ],
  exports: [CHALLENGE_APPLICATIONS, PANEL_ASSESSMENTS],
})
export class ContextPortsModule {}
