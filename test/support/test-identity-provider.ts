import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** oidc-provider ships no types; the little of it these tests use. */
interface OidcProviderInstance {
  proxy: boolean;
  callback(): (req: unknown, res: unknown) => void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
}
interface KoaContext {
  path: string;
  method: string;
  status: number;
  body: unknown;
}
type OidcProviderClass = new (issuer: string, configuration: object) => OidcProviderInstance;

function providerClass(): OidcProviderClass {
  // ESM-only package, loaded through require(esm) (Node 24) from these CommonJS tests.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('oidc-provider') as { default?: OidcProviderClass } & OidcProviderClass;
  return loaded.default ?? loaded;
}

export interface TestAccount {
  email: string;
  name: string;
  /** The provider no longer vouches for them: its token endpoint refuses their codes. */
  disabled?: boolean;
}

/**
 * How the token endpoint's ID token is changed on its way out, to show the client refuses it:
 * re-signed with a key the provider never published, or with a past `exp` (properly signed).
 */
export type Tampering = 'none' | 'foreign_key' | 'expired';

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, with its
 * development login page (any login name, any password) and a consent page. Accounts are
 * looked up by login name; an unknown or disabled one cannot get tokens.
 */
export class TestIdentityProvider {
  readonly accounts = new Map<string, TestAccount>();
  readonly clientId = `catalyst-${randomUUID().slice(0, 8)}`;
  readonly clientSecret = `secret-${randomUUID()}`;
  tampering: Tampering = 'none';
  issuer!: string;
  private server?: Server;
  private readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly foreignKey: KeyObject;

  constructor() {
    this.privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    this.foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  async start(options: { redirectUris: string[]; postLogoutRedirectUris: string[] }) {
    this.server = createServer();
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const Provider = providerClass();
    const jwk = {
      ...this.privateKey.export({ format: 'jwk' }),
      kid: this.kid,
      alg: 'RS256',
      use: 'sig',
    };
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: options.redirectUris,
          post_logout_redirect_uris: options.postLogoutRedirectUris,
          token_endpoint_auth_method: 'client_secret_post',
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      jwks: { keys: [jwk] },
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: false,
      cookies: { keys: [randomUUID()] },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        if (!account || account.disabled) return undefined;
        return {
          accountId: sub,
          claims: () => ({ sub, email: account.email, email_verified: true, name: account.name }),
        };
      },
    });
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && ctx.method === 'POST' && ctx.status === 200) {
        const body = ctx.body as { id_token?: string };
        if (body.id_token && this.tampering !== 'none') body.id_token = this.tamper(body.id_token);
      }
    });
    provider.on('server_error', (_ctx, error) => console.error('test provider error', error));
    this.server.on('request', provider.callback());
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private tamper(idToken: string): string {
    const [header, payload] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      number
    >;
    let key = this.foreignKey;
    if (this.tampering === 'expired') {
      const now = Math.floor(Date.now() / 1000);
      claims.iat = now - 7200;
      claims.exp = now - 3600;
      key = this.privateKey;
    }
    const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = createSign('RSA-SHA256').update(body).sign(key).toString('base64url');
    return `${body}.${signature}`;
  }
}

/**
 * Drives the provider's own pages over HTTP as a browser would (cookies kept): from the
 * authorization URL through login and consent to the redirect back to the client. Returns the
 * URL the provider sends the browser to (the client's redirect URI with code and state, or an
 * error). `abort` presses the login page's "Cancel".
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  options: { abort?: boolean } = {},
): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair.split('=');
      jar.set(name.trim(), value.join('='));
    }
  };
  let url = new URL(authorizationUrl);
  const issuerOrigin = url.origin;
  let method = 'GET';
  let body: string | undefined;
  for (let hops = 0; hops < 20; hops++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    remember(response);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== issuerOrigin) return next;
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html}`);
    const uid = /\/interaction\/([^/"]+)/.exec(html)?.[1];
    if (!uid) throw new Error(`no interaction on the provider's page: ${html.slice(0, 500)}`);
    if (options.abort) {
      url = new URL(`/interaction/${uid}/abort`, issuerOrigin);
      continue;
    }
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    url = new URL(`/interaction/${uid}`, issuerOrigin);
    method = 'POST';
    body =
      prompt === 'login'
        ? new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString()
        : new URLSearchParams({ prompt: 'consent' }).toString();
  }
  throw new Error('too many redirects at the provider');
}
