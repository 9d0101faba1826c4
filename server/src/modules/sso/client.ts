import * as oidc from 'openid-client'
import { isLoopbackHttp, type OidcConfig } from '../../config.ts'

/**
 * The OpenID provider's configuration, discovered on first use rather than at start-up,
 * so the app starts (and password login works) while the provider is unreachable.
 */
export class OidcClient {
  readonly settings: OidcConfig
  private discovered: Promise<oidc.Configuration> | undefined

  constructor(settings: OidcConfig) {
    this.settings = settings
  }

  configuration(): Promise<oidc.Configuration> {
    this.discovered ??= discover(this.settings).catch((error: unknown) => {
      this.discovered = undefined
      throw error
    })
    return this.discovered
  }
}

function discover(settings: OidcConfig): Promise<oidc.Configuration> {
  const authentication = settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None()
  // Verify ID token signatures against the provider's keys too, not only TLS: a token
  // altered anywhere on its way is refused.
  const execute = [oidc.enableNonRepudiationChecks]
  if (isLoopbackHttp(settings.issuer)) execute.push(oidc.allowInsecureRequests)
  return oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, authentication, {
    execute,
    timeout: 10,
  })
}
