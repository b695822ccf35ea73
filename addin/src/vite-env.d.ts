/// <reference types="vite/client" />

/** Build-time settings (`VITE_*` environment variables when `vite build` runs); all optional. */
interface ImportMetaEnv {
  /** Entra ID application (client) id of the add-in's SSO app registration; enables NAA sign-in in Outlook. */
  readonly VITE_ENTRA_CLIENT_ID?: string;
  /** The service's delegated scope, e.g. api://contoso.example/<client id>/access_as_user. */
  readonly VITE_API_SCOPE?: string;
  /** Origin of the Human Debt service for the event handlers when they run without a page origin (classic Outlook). */
  readonly VITE_SERVICE_ORIGIN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
