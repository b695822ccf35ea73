/**
 * Sign-in settings, fixed at build time (`VITE_*` variables): the add-in is a static bundle served by the service, and
 * a build per deployment is how the customer's own app registration gets in. Without a client id the add-in still runs
 * everywhere outside Outlook (the local demo); inside Outlook it says that sign-in is not configured.
 */
export interface AuthConfig {
  clientId: string;
  /** The service's `access_as_user` scope; without it the pane calls the service without a token (local mode). */
  apiScope: string | undefined;
}

export function authConfig(
  env: Partial<Record<'VITE_ENTRA_CLIENT_ID' | 'VITE_API_SCOPE', string | undefined>> = import.meta.env,
): AuthConfig | undefined {
  const clientId = env.VITE_ENTRA_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  const apiScope = env.VITE_API_SCOPE?.trim();
  return { clientId, apiScope: apiScope || undefined };
}
