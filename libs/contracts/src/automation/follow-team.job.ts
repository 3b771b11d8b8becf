import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * On `team.formed` and `team.disbanded` (applications): keeps the application's accelerator
 * contract on its current team. A selection reversed in the exploration stage disbands the team
 * (the database then unlinks the contract: ON DELETE SET NULL), and a selection made again forms
 * a new team, which the contract follows. Ids only; the handler reads current state.
 */
export const FOLLOW_TEAM_JOB = defineJob<{
  applicationId: string;
  teamId: string;
  change: 'formed' | 'disbanded';
}>({
  name: 'contract-follow-team',
  queue: QueueName.Contracts,
  // Safe to repeat: it links only an unlinked contract, and records an unlink once.
  retry: QUICK_RETRY,
});
