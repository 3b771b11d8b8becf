import { SetMetadata } from '@nestjs/common';
import { JobName, JobPayloads } from './queue-names';

export const JOB_HANDLER_METADATA = 'catalyst:job-handler';

/** Marks a provider as the one handler of a job name. */
export const HandlesJob = (name: JobName): ClassDecorator =>
  SetMetadata(JOB_HANDLER_METADATA, name);

export interface JobContext {
  id: string | undefined;
  attemptsMade: number;
}

/** A job's logic, living in its domain library. It must be safe to run twice. */
export interface JobHandler<J extends JobName = JobName> {
  handle(data: JobPayloads[J], context: JobContext): Promise<unknown>;
}
