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
  /** The sign-in (refresh-token family) this token was issued for, when there is one. */
  sid?: string;
}

export interface VerifiedAccessToken {
  userId: string;
  sessionId?: string;
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

  async issue(
    userId: string,
    sessionId?: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const claims: AccessTokenClaims = { sub: userId, typ: 'access' };
    if (sessionId) claims.sid = sessionId;
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
    return (await this.verifyToken(token)).userId;
  }

  /** The user id and sign-in of a valid access token; 401 otherwise. */
  async verifyToken(token: string): Promise<VerifiedAccessToken> {
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
        typeof claims.exp !== 'number' ||
        (claims.sid !== undefined && (typeof claims.sid !== 'string' || !UUID.test(claims.sid)))
      )
        throw new Error('not an access token');
      return { userId: claims.sub, sessionId: claims.sid };
    } catch {
      throw new UnauthenticatedError('The access token is missing, expired or invalid.');
    }
  }
}
