import type { TokenProvider } from './naa-auth';

/**
 * The event handlers' way to a token without bundling MSAL (~80 KB gzip) into the handler bundle (≤ 30 KB).
 *
 * Where the handlers run in a page (new Outlook, Outlook on the web and on Mac load commands.html), that page loads
 * `naa-broker.js` first; it creates the NAA client and publishes it here. In classic Outlook on Windows the handlers
 * run in a JavaScript-only runtime that loads one file and has no NAA bridge for MSAL to talk to (a known Office
 * limitation, docs/platform-limits.md) — there the broker is absent and the handlers check what needs no calendar (the meeting itself and the team's agreements) instead of
 * failing.
 */
const KEY = '__humanDebtTokenBroker';

type Scope = { [KEY]?: TokenProvider };

export function publishTokenBroker(provider: TokenProvider, scope: object = globalThis): void {
  (scope as Scope)[KEY] = provider;
}

export function tokenBroker(scope: object = globalThis): TokenProvider | undefined {
  const candidate = (scope as Scope)[KEY];
  return candidate && typeof candidate.getToken === 'function' ? candidate : undefined;
}
