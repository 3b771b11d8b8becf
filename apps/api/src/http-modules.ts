import { AcceleratorHttpModule } from './accelerator/accelerator-http.module';
import { ApplicationsHttpModule } from './applications/applications-http.module';
import { ContractsHttpModule } from './contracts/contracts-http.module';
import { AssessmentHttpModule } from './assessment/assessment-http.module';
import { DocumentsHttpModule } from './documents/documents-http.module';
import { IdentityHttpModule } from './identity/identity-http.module';
import { NotificationsHttpModule } from './notifications/notifications-http.module';
import { ReportingHttpModule } from './reporting/reporting-http.module';
import { RoundsHttpModule } from './rounds/rounds-http.module';

/** One HTTP module per domain; each holds that domain's controllers. */
export const HTTP_MODULES = [
  IdentityHttpModule,
  RoundsHttpModule,
  ApplicationsHttpModule,
  AssessmentHttpModule,
  AcceleratorHttpModule,
  DocumentsHttpModule,
  ContractsHttpModule,
  NotificationsHttpModule,
  ReportingHttpModule,
];
