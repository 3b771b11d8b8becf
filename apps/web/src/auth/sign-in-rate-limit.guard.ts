import { ExecutionContext, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthRateLimitGuard } from '../../../api/src/identity/rate-limit/auth-rate-limit.guard';

/** The API's handler whose counter each web form shares (same client, same limit). */
const API_HANDLER = { signIn: 'login', register: 'register' } as const;

/**
 * The API's sign-in limit, on the same counters: a web form's attempts count against the API
 * route it stands for (AuthController.login / register), so switching between the web form
 * and POST /api/v1/auth/login does not buy anyone more tries. Same key scheme as
 * @nestjs/throttler's default (sha256 of `<class>-<handler>-<throttler>-<tracker>`).
 */
@Injectable()
export class SignInRateLimitGuard extends AuthRateLimitGuard {
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    const handler = context.getHandler().name as keyof typeof API_HANDLER;
    const apiHandler = API_HANDLER[handler] ?? handler;
    return createHash('sha256')
      .update(`AuthController-${apiHandler}-${name}-${tracker}`)
      .digest('hex');
  }
}
