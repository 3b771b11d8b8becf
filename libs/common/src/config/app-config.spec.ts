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
