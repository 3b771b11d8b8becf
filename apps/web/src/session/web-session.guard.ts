import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@catalyst/common';
import { ActorService, SessionService } from '@catalyst/identity';
import { PAGE_ACCESS, PageAccess } from './page-access.decorator';
import { localeOf } from './locale';
import { SESSION_COOKIE, WebRequest } from './web-request';

/**
 * The one gate every page passes: session cookie → the sign-in it stands for (checked in
 * PostgreSQL on every request, so signing out anywhere ends it everywhere) → the Actor every
 * domain service takes → the page's declared access. A page without a declaration is refused.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly actors: ActorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    request.locale = localeOf(request);
    const access = this.reflector.getAllAndOverride<PageAccess | undefined>(PAGE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new ForbiddenError('This page declares no access policy.');
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) {
      const signIn = await this.sessions.signInOf(token);
      if (signIn) {
        const actor = await this.actors.load(signIn.userId, request.id, signIn.familyId);
        if (actor) {
          request.actor = actor;
          request.sessionToken = token;
        }
      }
    }
    if (access.kind === 'public') return true;
    if (!request.actor) throw new UnauthenticatedError('Sign in to see this page.');
    if (access.roles && !request.actor.hasAnyRole(access.roles)) {
      throw new ForbiddenError(`This page needs one of these roles: ${access.roles.join(', ')}.`);
    }
    return true;
  }
}
