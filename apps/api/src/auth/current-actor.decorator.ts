import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import type { AuthenticatedRequest } from './auth.guard';

/** The signed-in caller (set by the AuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthenticatedError('Sign in first.');
  return actor;
});
