import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@catalyst/common';
import { AccessTokenService, Actor, ActorService } from '@catalyst/identity';
import { ROUTE_POLICY, RoutePolicy } from './route-policy.decorator';

export interface AuthenticatedRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The one gate every request passes: token → actor → the route's declared policy. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly actors: ActorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      // Deny by default: a route without a declared policy is a bug, never an open door.
      throw new ForbiddenError('This route declares no access policy.');
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);

    if (policy.kind === 'public') {
      if (token)
        request.actor = (await this.resolve(token, request.id).catch(() => null)) ?? undefined;
      return true;
    }
    if (!token)
      throw new UnauthenticatedError('Send a bearer token: Authorization: Bearer <accessToken>.');
    const actor = await this.resolve(token, request.id);
    request.actor = actor;
    if (policy.kind === 'roles' && !actor.hasAnyRole(policy.roles)) {
      throw new ForbiddenError(`This needs one of these roles: ${policy.roles.join(', ')}.`);
    }
    return true;
  }

  private async resolve(token: string, correlationId: string): Promise<Actor> {
    const { userId, sessionId } = await this.tokens.verifyToken(token);
    const actor = await this.actors.load(userId, correlationId, sessionId);
    if (!actor)
      throw new UnauthenticatedError(
        'The account behind this token no longer exists or is disabled.',
      );
    return actor;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}
