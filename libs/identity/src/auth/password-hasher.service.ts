import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, type AppConfig, ConcurrencyLimit } from '@catalyst/common';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommended setting: 19 MiB,
 * 2 passes, parallelism 1. The library defaults used before (64 MiB, 3 passes, 4 lanes) cost
 * ~3× the memory per sign-in for little extra resistance, and made a burst of sign-ins a
 * memory exhaustion risk.
 */
export const ARGON2_PARAMETERS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Password hashing and verification. Every argon2 call goes through one ConcurrencyLimit per
 * process (PASSWORD_HASH_CONCURRENCY), so memory stays bounded however many sign-ins arrive.
 * Each hash carries its own parameters: hashes made with older ones still verify, and
 * `needsRehash` tells the caller to store a new hash after the next successful sign-in.
 */
@Injectable()
export class PasswordHasher {
  private readonly limit: ConcurrencyLimit;
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'passwordHashConcurrency'>) {
    this.limit = new ConcurrencyLimit(config.passwordHashConcurrency);
  }

  hash(password: string): Promise<string> {
    return this.limit.run(() =>
      argon2.hash(password, { type: argon2.argon2id, ...ARGON2_PARAMETERS }),
    );
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.limit.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  /** True when the hash was made with other parameters (or another variant) than today's. */
  needsRehash(hash: string): boolean {
    try {
      return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, ARGON2_PARAMETERS);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as a real verification when there is no account to check against,
   * so response times do not reveal which e-mail addresses are registered.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('no account has this password, it only burns time');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
