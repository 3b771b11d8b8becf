import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { Programme } from './entities/programme.entity';
import { PasswordResetToken } from './entities/password-reset-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { ThrottleCounter } from './entities/throttle-counter.entity';
import { User } from './entities/user.entity';
import { IdentityLink } from './sso/identity-link.entity';
import { IdentityProvider } from './sso/identity-provider.entity';
import { PasswordSignInOverride } from './sso/password-sign-in-override.entity';
import { SsoFlow } from './sso/sso-flow.entity';

export const IDENTITY_ENTITIES = [
  Organisation,
  Programme,
  User,
  Membership,
  RefreshToken,
  Invitation,
  ThrottleCounter,
  PasswordResetToken,
  IdentityProvider,
  IdentityLink,
  SsoFlow,
  PasswordSignInOverride,
];
