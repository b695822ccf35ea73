import { createNestablePublicClientApplication, type IPublicClientApplication } from '@azure/msal-browser';
import type { AuthConfig } from './auth-config';

/**
 * Tokens through Nested App Authentication: Outlook (the host) signs the person in and MSAL asks it for tokens for
 * this add-in's app registration, so there is no sign-in page of our own and no middle tier that sees Graph tokens.
 *
 * This module is the whole MSAL dependency (~80 KB gzip). The task pane imports it lazily — only in Outlook, only
 * when a token is first needed — so the local demo and the first render never load it.
 */
export interface TokenProvider {
  /** A token for `scopes`. Silent first; `interactive` allows MSAL's consent popup when silent fails. */
  getToken(scopes: string[], options?: { interactive?: boolean }): Promise<string>;
}

export async function createNaaTokenProvider(config: AuthConfig): Promise<TokenProvider> {
  const pca: IPublicClientApplication = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: 'https://login.microsoftonline.com/common' },
  });
  return {
    async getToken(scopes, options) {
      try {
        const result = await pca.acquireTokenSilent({ scopes });
        return result.accessToken;
      } catch (silentError) {
        if (!options?.interactive) throw silentError;
        const result = await pca.acquireTokenPopup({ scopes });
        return result.accessToken;
      }
    },
  };
}
