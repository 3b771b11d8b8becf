import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@catalyst/common';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { PURGE_EXPIRED_CREDENTIALS_JOB } from './purge-expired-credentials.job';

/** How long a finished sign-in's tokens are kept, for support and incident questions. */
export const REFRESH_TOKEN_RETENTION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the refresh tokens of sign-ins (token families) that ended more than a week ago.
 *
 * A token stops working when it expires, is used (rotated) or is revoked, whichever comes
 * first. A family is deleted only as a whole, once every one of its tokens stopped working
 * before the cut-off: the used tokens of a sign-in that is still live must stay, because
 * presenting one again is how a copied token is detected and the family revoked. Invitations
 * are never deleted here: they are part of the audit story.
 *
 * One statement, and running it twice deletes nothing the second time.
 */
@Injectable()
@HandlesJob(PURGE_EXPIRED_CREDENTIALS_JOB)
export class PurgeExpiredCredentialsHandler implements JobHandler<
  JobPayload<typeof PURGE_EXPIRED_CREDENTIALS_JOB>
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async handle(
    _data: JobPayload<typeof PURGE_EXPIRED_CREDENTIALS_JOB>,
    _context: JobContext,
  ): Promise<{ deleted: number }> {
    const cutoff = new Date(this.clock.now().getTime() - REFRESH_TOKEN_RETENTION_DAYS * DAY_MS);
    // LEAST ignores NULLs: a token's end is the earliest of its expiry, use and revocation.
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM refresh_tokens
        WHERE family_id IN (
          SELECT family_id FROM refresh_tokens
           GROUP BY family_id
          HAVING max(LEAST(expires_at, used_at, revoked_at)) < $1)`,
      [cutoff],
    );
    return { deleted };
  }
}
