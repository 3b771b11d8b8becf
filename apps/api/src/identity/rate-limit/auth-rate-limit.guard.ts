import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '@catalyst/common';

/**
 * Limits the sign-in routes (login, register, refresh, accept invitation) per client IP and
 * route: AUTH_RATE_LIMIT_PER_MINUTE requests a minute, then 429 with Retry-After.
 * The counters are shared by every API process (Redis or PostgreSQL, see AuthRateLimitModule),
 * so the limit holds however many replicas run.
 */
@Injectable()
export class AuthRateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new RateLimitedError(
      `Too many attempts from your address; retry in ${retryAfter} seconds.`,
      retryAfter,
    );
  }
}
