import 'reflect-metadata';
import { ConfigError, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };

describe('PUBLIC_URL', () => {
  it('defaults to http://localhost on the API port', () => {
    expect(loadConfig(base).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ ...base, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('keeps an origin and a path prefix, without the trailing slash', () => {
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://catalyst.example.org/' }).publicUrl).toBe(
      'https://catalyst.example.org',
    );
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://gov.example/catalyst//' }).publicUrl).toBe(
      'https://gov.example/catalyst',
    );
  });

  it('refuses what is not an http(s) address, naming the variable', () => {
    for (const bad of ['catalyst.example.org', 'ftp://x.example', 'https://x.example/?a=1']) {
      expect(() => loadConfig({ ...base, PUBLIC_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
    }
  });
});

describe('DOCUMENT_MAX_BYTES', () => {
  it('defaults to 20 MiB', () => {
    expect(loadConfig(base).documentMaxBytes).toBe(20_971_520);
    expect(loadConfig({ ...base, DOCUMENT_MAX_BYTES: '5242880' }).documentMaxBytes).toBe(5_242_880);
  });

  it('refuses what is not a whole number of bytes, naming the variable', () => {
    for (const bad of ['20MB', '1.5', '0', '-1']) {
      expect(() => loadConfig({ ...base, DOCUMENT_MAX_BYTES: bad })).toThrow(/DOCUMENT_MAX_BYTES/);
    }
  });
});

describe('REDIS_SENTINELS and REDIS_SENTINEL_NAME', () => {
  it('are unset by default: the queues use REDIS_URL', () => {
    const config = loadConfig(base);
    expect([config.redisSentinels, config.redisSentinelName]).toEqual([undefined, undefined]);
  });

  it('read a comma-separated host:port list and the master name', () => {
    const config = loadConfig({
      ...base,
      REDIS_SENTINELS: 's1.example:26379, 10.0.0.2:26380',
      REDIS_SENTINEL_NAME: 'catalyst',
    });
    expect(config.redisSentinels).toEqual([
      { host: 's1.example', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
    ]);
    expect(config.redisSentinelName).toBe('catalyst');
  });

  it('refuses a malformed list, a bad port, or one without the other, naming the variable', () => {
    const name = { REDIS_SENTINEL_NAME: 'catalyst' };
    for (const bad of ['s1', 's1:26379,', 's1:port', 's1:70000', 'redis://s1:26379']) {
      expect(() => loadConfig({ ...base, ...name, REDIS_SENTINELS: bad })).toThrow(
        /REDIS_SENTINELS/,
      );
    }
    expect(() => loadConfig({ ...base, REDIS_SENTINELS: 's1:26379' })).toThrow(
      /REDIS_SENTINEL_NAME/,
    );
    expect(() => loadConfig({ ...base, ...name })).toThrow(/REDIS_SENTINELS/);
  });
});

describe('QUEUE_STALLED_INTERVAL_MS', () => {
  it("defaults to BullMQ's 30 s", () => {
    expect(loadConfig(base).queueStalledIntervalMs).toBe(30_000);
    expect(loadConfig({ ...base, QUEUE_STALLED_INTERVAL_MS: '2000' }).queueStalledIntervalMs).toBe(
      2000,
    );
  });

  it('refuses what is not a whole number of milliseconds from 1000 on', () => {
    for (const bad of ['2s', '1.5', '999', '-1']) {
      expect(() => loadConfig({ ...base, QUEUE_STALLED_INTERVAL_MS: bad })).toThrow(
        /QUEUE_STALLED_INTERVAL_MS/,
      );
    }
  });
});

describe('SHUTDOWN_GRACE_MS', () => {
  it('defaults to 20 s, inside the 30 s Kubernetes gives a pod after SIGTERM', () => {
    expect(loadConfig(base).shutdownGraceMs).toBe(20_000);
    expect(loadConfig({ ...base, SHUTDOWN_GRACE_MS: '5000' }).shutdownGraceMs).toBe(5000);
  });

  it('refuses what is not a whole number of milliseconds from 1000 to 600000', () => {
    for (const bad of ['20s', '1.5', '999', '600001']) {
      expect(() => loadConfig({ ...base, SHUTDOWN_GRACE_MS: bad })).toThrow(/SHUTDOWN_GRACE_MS/);
    }
  });
});
