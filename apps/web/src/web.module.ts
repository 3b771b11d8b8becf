import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AcceleratorModule } from '@catalyst/accelerator';
import { ApplicationsModule } from '@catalyst/applications';
import { AssessmentModule } from '@catalyst/assessment';
import { AuditModule } from '@catalyst/audit';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  CoreModule,
  SystemClock,
  loggerOptions,
} from '@catalyst/common';
import { ContractsModule } from '@catalyst/contracts';
import { DatabaseModule } from '@catalyst/database';
import { DocumentsModule } from '@catalyst/documents';
import { IdentityModule } from '@catalyst/identity';
import { NotificationsModule } from '@catalyst/notifications';
import { QueuesModule } from '@catalyst/queues';
import { ReportingModule } from '@catalyst/reporting';
import { RoundsModule } from '@catalyst/rounds';
import { ContextPortsModule } from '../../api/src/context-ports.module';
import { AuthRateLimitModule } from '../../api/src/identity/rate-limit/auth-rate-limit.module';
import { AccountController } from './account/account.controller';
import { ColleaguesController } from './account/colleagues.controller';
import { InvitationController } from './account/invitation.controller';
import { NotificationsController } from './account/notifications.controller';
import { AssessorController } from './assessor/assessor.controller';
import { SignInController } from './auth/sign-in.controller';
import { SsoWebController } from './auth/sso.controller';
import { WebErrorFilter } from './errors/web-error.filter';
import { createI18n } from './i18n/i18n';
import { AuditTrailController } from './manage/audit-trail.controller';
import { CohortController } from './manage/cohort.controller';
import { ManageContractsController } from './manage/contracts.controller';
import { ManageChallengesController } from './manage/manage-challenges.controller';
import { ManageOrganisationsController } from './manage/organisations.controller';
import { ProgrammeDashboardController } from './manage/programme-dashboard.controller';
import { ManageRoundsController } from './manage/rounds.controller';
import { PortalController } from './portal/portal.controller';
import { ReportsPagesController } from './reports/reports.controller';
import { NotificationLinksController } from './links/notification-links.controller';
import { I18N, PageRenderer } from './rendering/page-renderer';
import { WebSessionGuard } from './session/web-session.guard';
import { ApplicationFormController } from './startup/application-form.controller';
import { CompanyContractsController } from './startup/contracts.controller';
import { DashboardController } from './startup/dashboard.controller';
import { TeamController } from './startup/team.controller';
import { SponsorChallengesController } from './sponsor/sponsor-challenges.controller';
import { SponsorTeamsController } from './sponsor/sponsor-teams.controller';

export interface WebModuleOptions {
  clock?: Clock;
  /** The queues' and rate-limit counters' namespace: the API's, so the limits are shared. */
  queuePrefix?: string;
  logDestination?: DestinationStream;
  /** Called for a string missing from a catalogue (the tests fail on one). */
  onMissingKey?: (locale: string, key: string) => void;
}

/**
 * The web application: pages over the same domain modules as the API (no HTTP between them),
 * so one policy decides what each person sees and does on both.
 */
@Module({})
export class WebModule {
  static forRoot(config: AppConfig, options: WebModuleOptions = {}): DynamicModule {
    return {
      module: WebModule,
      imports: [
        CoreModule.forRoot(config, options.clock ?? new SystemClock()),
        LoggerModule.forRoot(loggerOptions(config, 'web', options.logDestination)),
        DatabaseModule.forRoot('catalyst-web'),
        QueuesModule.forRoot({ prefix: options.queuePrefix }),
        AuthRateLimitModule.forRoot({
          keyPrefix: `${options.queuePrefix ?? 'catalyst'}:throttle:`,
        }),
        AuditModule,
        IdentityModule,
        ContextPortsModule,
        RoundsModule,
        ApplicationsModule,
        AssessmentModule,
        AcceleratorModule,
        ReportingModule,
        DocumentsModule,
        NotificationsModule,
        ContractsModule,
        // Upload forms (a milestone's evidence): streamed, one file of at most
        // DOCUMENT_MAX_BYTES after a few short text fields, as on the API.
        MultipartModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => ({
            limits: {
              fileSize: appConfig.documentMaxBytes,
              files: 1,
              fields: 8,
              parts: 9,
              fieldSize: 64 * 1024,
              headerPairs: 100,
            },
            defParamCharset: 'utf8',
          }),
        }),
      ],
      providers: [
        { provide: I18N, useValue: createI18n(options.onMissingKey) },
        PageRenderer,
        { provide: APP_GUARD, useClass: WebSessionGuard },
        { provide: APP_FILTER, useClass: WebErrorFilter },
      ],
      controllers: [
        PortalController,
        SignInController,
        SsoWebController,
        DashboardController,
        ApplicationFormController,
        AssessorController,
        AccountController,
        ColleaguesController,
        InvitationController,
        NotificationsController,
        TeamController,
        CompanyContractsController,
        ProgrammeDashboardController,
        ManageRoundsController,
        ManageChallengesController,
        AuditTrailController,
        CohortController,
        ManageContractsController,
        ManageOrganisationsController,
        ReportsPagesController,
        SponsorChallengesController,
        SponsorTeamsController,
        NotificationLinksController,
      ],
    };
  }
}
