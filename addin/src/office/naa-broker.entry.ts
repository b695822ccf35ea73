import { authConfig } from './auth-config';
import { createNaaTokenProvider } from './naa-auth';
import { publishTokenBroker } from './token-broker';

/**
 * Entry of `naa-broker.js` (built as a classic script next to commands.js). Publishes a lazy NAA token provider for
 * the event handlers: MSAL starts on the first token request, not at load, so a handler that needs no token pays
 * nothing.
 */
const config = authConfig();
if (config) {
  let provider: ReturnType<typeof createNaaTokenProvider> | undefined;
  publishTokenBroker({
    getToken(scopes) {
      provider ??= createNaaTokenProvider(config);
      // Handlers never prompt: a Smart Alert that waits on a sign-in popup would hold the send.
      return provider.then((p) => p.getToken(scopes, { interactive: false }));
    },
  });
}
