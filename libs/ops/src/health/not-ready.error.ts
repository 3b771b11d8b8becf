import { DomainError } from '@catalyst/common';

/** What each readiness check is, in words an operator acts on. */
const DEPENDENCY: Record<string, string> = {
  database: 'PostgreSQL',
  queue: 'the queue backend',
};

/**
 * 503 from `GET /health/ready`, naming the dependencies that failed (`failed`: the check keys,
 * `database` and/or `queue`) and each check's result (`checks`).
 */
export class NotReadyError extends DomainError {
  readonly status = 503;
  readonly title = 'Not ready';

  constructor(checks: Record<string, { status: string; [key: string]: unknown }>) {
    const failed = Object.keys(checks).filter((key) => checks[key]?.status !== 'up');
    super(
      'health.not_ready',
      `Not ready: ${failed.map((key) => `${DEPENDENCY[key] ?? key} (${key})`).join(' and ')} ` +
        `did not answer.`,
    );
    this.extensions.failed = failed;
    this.extensions.checks = checks;
  }
}
