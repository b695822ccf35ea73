import type { AppointmentSnapshot } from './appointment';
import { loadScript } from './load-script';

/** The appointment open in Outlook, as the task pane follows it. */
export interface AppointmentAccess {
  read(): Promise<AppointmentSnapshot | undefined>;
  /** Calls the listener when another item is selected or the open one's time or attendees change. */
  watch(listener: () => void): () => void;
}

/** Microsoft requires add-ins to load office.js from this CDN address (no self-hosted copies). */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * The slice of office.js the task pane uses. `officeRuntimeFromGlobal` implements it over the global `Office`;
 * tests pass a fake. Nothing outside addin/src/office/ touches `Office`.
 */
export interface OfficeRuntime {
  /** Resolves with the host name ("Outlook"), or null when office.js runs outside any Office host. */
  onReady(): Promise<{ host: string | null }>;
  /** `officeTheme.bodyBackgroundColor`, when the host reports a theme. */
  bodyBackgroundColor(): string | undefined;
  displayLanguage(): string | undefined;
  /** Reports the new body background colour when the person switches the Outlook theme (Mailbox 1.14+). */
  onThemeChange(handler: (bodyBackgroundColor: string) => void): void;
  /** The open appointment; when absent, the global `Office` mailbox is used (see outlook-services.ts). */
  appointment?(): AppointmentAccess | undefined;
}

type OfficeGlobal = typeof Office;

/** Wraps the global `Office` if office.js is on the page, without ever naming `Office` when it is not defined. */
export function officeRuntimeFromGlobal(scope: object = globalThis): OfficeRuntime | undefined {
  const office = (scope as { Office?: OfficeGlobal }).Office;
  if (!office) return undefined;
  return {
    async onReady() {
      const info = await office.onReady();
      return { host: info.host ? String(info.host) : null };
    },
    bodyBackgroundColor: () => office.context?.officeTheme?.bodyBackgroundColor,
    displayLanguage: () => office.context?.displayLanguage,
    onThemeChange(handler) {
      const mailbox = office.context?.mailbox;
      if (!mailbox || !office.context.requirements?.isSetSupported('Mailbox', '1.14')) return;
      mailbox.addHandlerAsync(office.EventType.OfficeThemeChanged, (args: Office.OfficeThemeChangedEventArgs) => {
        handler(args.officeTheme.bodyBackgroundColor);
      });
    },
  };
}

/**
 * Loads office.js (unless the page already has it) and wraps it. Resolves to undefined when the CDN cannot be
 * reached in `timeoutMs`: outside Outlook that is expected, and the pane carries on standalone.
 */
export async function loadOfficeRuntime(timeoutMs: number): Promise<OfficeRuntime | undefined> {
  const existing = officeRuntimeFromGlobal();
  if (existing) return existing;
  const outcome = await loadScript(document, OFFICE_JS_URL, timeoutMs);
  return outcome === 'loaded' ? officeRuntimeFromGlobal() : undefined;
}
