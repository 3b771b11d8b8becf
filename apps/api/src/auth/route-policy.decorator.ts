import { SetMetadata } from '@nestjs/common';
import type { Role } from '@catalyst/identity';

export const ROUTE_POLICY = 'catalyst:route-policy';

/**
 * Every route declares who may reach it; the guard refuses routes that declare nothing (and a
 * test lists any). Finer decisions — which organisation's data — are made by each domain's
 * policy, from the caller's memberships and the resource's organisation.
 */
export type RoutePolicy =
  { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: readonly Role[] };

/** No token needed (health, the public portal, login). A token, if sent, is still read. */
export const Public = () => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);

/** Any signed-in user; the domain policy decides per resource. */
export const SignedIn = () =>
  SetMetadata(ROUTE_POLICY, { kind: 'signed-in' } satisfies RoutePolicy);

/** Signed in and holding one of these roles in some organisation. */
export const Roles = (...roles: Role[]) =>
  SetMetadata(ROUTE_POLICY, { kind: 'roles', roles } satisfies RoutePolicy);
