import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import type { IdentityProvider } from './identity-provider.entity';
import { open } from './secret-box';

/** How long a provider's discovered configuration (metadata, keys) is reused. */
const CACHE_MS = 10 * 60 * 1000;
/** Seconds each request to a provider may take. */
const TIMEOUT_S = 10;

/**
 * openid-client configurations for the providers, discovered from their issuer and cached
 * briefly (per provider version, so an edit takes effect at once). http:// issuers are allowed
 * only where SSO_ALLOW_INSECURE_ISSUERS=true (never in production).
 */
@Injectable()
export class OidcClients {
  private readonly cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  constructor(@Inject(APP_CONFIG) private readonly appConfig: AppConfig) {}

  /** Where the provider sends the person back: the web's page or the API's endpoint. */
  redirectUri(kind: 'web' | 'api'): string {
    return kind === 'web'
      ? `${this.appConfig.publicUrl}/sso/callback`
      : `${this.appConfig.publicUrl}/api/v1/auth/sso/callback`;
  }

  get signedOutUri(): string {
    return `${this.appConfig.publicUrl}/signed-out`;
  }

  configuration(provider: IdentityProvider): Promise<client.Configuration> {
    const key = `${provider.id}:${provider.version}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
    const config = this.discover(provider);
    this.cache.set(key, { at: Date.now(), config });
    // A failed discovery is not remembered: the next sign-in tries again.
    config.catch(() => this.cache.delete(key));
    return config;
  }

  private async discover(provider: IdentityProvider): Promise<client.Configuration> {
    const secret =
      provider.clientSecretSealed && this.appConfig.ssoEncryptionKey
        ? open(this.appConfig.ssoEncryptionKey, provider.clientSecretSealed, provider.id)
        : undefined;
    const insecure = this.appConfig.ssoAllowInsecureIssuers;
    const config = await client.discovery(
      new URL(provider.issuerUrl),
      provider.clientId,
      secret,
      secret ? client.ClientSecretPost(secret) : client.None(),
      {
        timeout: TIMEOUT_S,
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
    // Without this openid-client trusts an ID token from the token endpoint on the strength of
    // TLS alone (OpenID Connect Core 3.1.3.7); with it, the signature is checked against the
    // provider's published keys too, whatever the transport.
    client.enableNonRepudiationChecks(config);
    return config;
  }
}
