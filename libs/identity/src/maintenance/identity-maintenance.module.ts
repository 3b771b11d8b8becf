import { Module } from '@nestjs/common';
import { PurgeExpiredCredentialsHandler } from './purge-expired-credentials.handler';

/**
 * Identity's job handlers, for the worker. Kept apart from IdentityModule so the worker does
 * not take on the API's use cases (nor its start-up work, such as bootstrapping the admin).
 */
@Module({
  providers: [PurgeExpiredCredentialsHandler],
  exports: [PurgeExpiredCredentialsHandler],
})
export class IdentityMaintenanceModule {}
