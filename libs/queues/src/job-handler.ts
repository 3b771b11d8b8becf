import { SetMetadata } from '@nestjs/common';
import type { JobDefinition } from './job-definition';

export const JOB_HANDLER_METADATA = 'catalyst:job-handler';

/** Marks a provider as the one handler of a job kind. */
export const HandlesJob = <P>(job: JobDefinition<P>): ClassDecorator =>
  SetMetadata(JOB_HANDLER_METADATA, job.name);

export interface JobContext {
  id: string | undefined;
  attemptsMade: number;
}

/** A job's logic, living in its domain library. It must be safe to run twice. */
export interface JobHandler<P = unknown> {
  handle(data: P, context: JobContext): Promise<unknown>;
}
