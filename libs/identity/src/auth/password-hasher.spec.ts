// The module object itself (not an ES namespace copy), so a spy on it is what the service calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import argon2Module = require('argon2');
import { ConcurrencyLimit } from '@catalyst/common';
import { PasswordHasher } from './password-hasher.service';

/** Wraps the real argon2.hash/verify to count how many run at the same moment. */
function countInFlight() {
  let inFlight = 0;
  let most = 0;
  const wrap =
    <A extends unknown[], R>(real: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await real(...args);
      } finally {
        inFlight--;
      }
    };
  const realHash = wrap(argon2Module.hash.bind(argon2Module));
  const realVerify = wrap(argon2Module.verify.bind(argon2Module));
  const hash = jest.spyOn(argon2Module, 'hash').mockImplementation(realHash);
  const verify = jest.spyOn(argon2Module, 'verify').mockImplementation(realVerify);
  return {
    most: () => most,
    restore: () => {
      hash.mockRestore();
      verify.mockRestore();
    },
  };
}

describe('PasswordHasher', () => {
  afterEach(() => jest.restoreAllMocks());

  it('never runs two argon2 computations at once with a limit of 1', async () => {
    const counter = countInFlight();
    const hasher = new PasswordHasher({ passwordHashConcurrency: 1 });
    const hashes = await Promise.all([
      hasher.hash('first concurrent passphrase'),
      hasher.hash('second concurrent passphrase'),
      hasher.hash('third concurrent passphrase'),
    ]);
    await Promise.all(hashes.map((h) => hasher.verify(h, 'first concurrent passphrase')));
    expect(counter.most()).toBe(1);
    counter.restore();
  });

  it('runs up to the limit at once (the count above can see overlap)', async () => {
    const counter = countInFlight();
    const hasher = new PasswordHasher({ passwordHashConcurrency: 2 });
    await Promise.all(['a', 'b', 'c', 'd'].map((s) => hasher.hash(`overlapping passphrase ${s}`)));
    expect(counter.most()).toBe(2);
    counter.restore();
  });

  it('hashes with argon2id at 19 MiB, 2 passes, 1 lane', async () => {
    const hasher = new PasswordHasher({ passwordHashConcurrency: 1 });
    const hash = await hasher.hash('a passphrase to store');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(hasher.needsRehash(hash)).toBe(false);
    expect(await hasher.verify(hash, 'a passphrase to store')).toBe(true);
  });

  it('still verifies a hash made with the old parameters, and says it needs rehashing', async () => {
    const hasher = new PasswordHasher({ passwordHashConcurrency: 1 });
    // The library defaults every earlier hash was made with: 64 MiB, 3 passes, 4 lanes.
    const old = await argon2Module.hash('an older passphrase', { type: argon2Module.argon2id });
    expect(old).toMatch(/m=65536,p=4,t=3/);
    expect(await hasher.verify(old, 'an older passphrase')).toBe(true);
    expect(await hasher.verify(old, 'another passphrase')).toBe(false);
    expect(hasher.needsRehash(old)).toBe(true);
  });
});

describe('ConcurrencyLimit', () => {
  it('hands slots over in arrival order and frees them after a failure', async () => {
    const limit = new ConcurrencyLimit(1);
    const order: string[] = [];
    let release!: () => void;
    const first = limit.run(
      () =>
        new Promise<void>((resolve) => {
          order.push('first');
          release = resolve;
        }),
    );
    const failing = limit.run(() => {
      order.push('second');
      return Promise.reject(new Error('boom'));
    });
    const third = limit.run(() => {
      order.push('third');
      return Promise.resolve();
    });
    expect(limit.load).toEqual({ active: 1, waiting: 2 });
    release();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['first', 'second', 'third']);
    expect(limit.load).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
