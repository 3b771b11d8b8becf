import { SetMetadata } from '@nestjs/common';
import type { Role } from '@catalyst/identity';

export const PAGE_ACCESS = 'catalyst:web-page-access';

export type PageAccess = { kind: 'public' } | { kind: 'signed-in'; roles?: Role[] };

/** Anyone may open the page (the signed-in person, if any, is still known). */
export const PublicPage = () => SetMetadata(PAGE_ACCESS, { kind: 'public' } satisfies PageAccess);

/** Only a signed-in person (with one of `roles`, when given); others go to the sign-in page. */
export const SignedInPage = (...roles: Role[]) =>
  SetMetadata(PAGE_ACCESS, {
    kind: 'signed-in',
    ...(roles.length ? { roles } : {}),
  } satisfies PageAccess);
