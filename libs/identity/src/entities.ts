import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { Programme } from './entities/programme.entity';
import { PasswordResetToken } from './entities/password-reset-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { ThrottleCounter } from './entities/throttle-counter.entity';
import { User } from './entities/user.entity';

export const IDENTITY_ENTITIES = [
  Organisation,
  Programme,
  User,
  Membership,
  RefreshToken,
  Invitation,
  ThrottleCounter,
  PasswordResetToken,
];
