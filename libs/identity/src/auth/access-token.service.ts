import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthenticatedError } from '@catalyst/common';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const TOKEN_ISSUER = 'catalyst';
export const TOKEN_AUDIENCE = 'catalyst-api';

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  exp?: number;
}

/** User ids are UUIDs; anything else in `sub` is not a token this API issued. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived HS256 access tokens. Verification pins the algorithm (`alg: none` or RS/ES tokens
 * fail) and requires what issue() always writes: an `exp` (a token without one would never
 * expire) and a UUID `sub` (anything else would reach the database as a malformed id).
 */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  async issue(userId: string): Promise<{ accessToken: string; expiresIn: number }> {
    const claims: AccessTokenClaims = { sub: userId, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  /** The user id of a valid access token; 401 otherwise. */
  async verify(token: string): Promise<string> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      if (
        claims.typ !== 'access' ||
        typeof claims.sub !== 'string' ||
        !UUID.test(claims.sub) ||
        typeof claims.exp !== 'number'
      )
        throw new Error('not an access token');
      return claims.sub;
    } catch {
      throw new UnauthenticatedError('The access token is missing, expired or invalid.');
    }
  }
}
