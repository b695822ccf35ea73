/**
 * The Office side of the event-based handlers: registration with `Office.actions.associate`, and the guarantee that
 * every activation ends with exactly one `event.completed` — when the check answers, when it throws, and when it
 * does not answer before the deadline. A failed or late check lets the meeting through (fail open): a nudge must
 * never stop someone from sending a meeting.
 *
 * No DOM, no React: classic Outlook on Windows runs this in a JavaScript-only runtime.
 */

/** The function names the manifest's event runtime actions (appPackage/manifest.json) point to. */
export const HANDLER_NAMES = {
  send: 'onAppointmentSendHandler',
  timeChanged: 'onAppointmentTimeChangedHandler',
  attendeesChanged: 'onAppointmentAttendeesChangedHandler',
} as const;

/** Outlook cuts Smart Alert text at 500 characters and notification messages at 150. */
export const SMART_ALERT_MAX = 500;
export const NOTIFICATION_MAX = 150;
export const NOTIFICATION_KEY = 'humanDebtDayLoad';
/** Time budget for one check (calendar read included); past it the meeting goes through unchecked. */
export const DEFAULT_DEADLINE_MS = 4000;

export type SendVerdict = { allow: true } | { allow: false; message: string };
export type ChangeKind = 'time' | 'attendees';

export interface EventHandlers {
  /** Whether the meeting may be sent as it is; `allow: false` shows a Smart Alert with "Send anyway". */
  onSend(): Promise<SendVerdict>;
  /** The notification text to show on the compose form, or undefined to remove it. */
  onChanged(kind: ChangeKind): Promise<string | undefined>;
}

export interface RegisterOptions {
  deadlineMs?: number;
  scope?: object;
}

type OfficeGlobal = typeof Office;
interface CompletableEvent {
  completed(options?: Record<string, unknown>): void;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Settles with the work's result, or with `undefined` + timedOut when the deadline passes first; never rejects. */
export function withDeadline<T>(
  work: () => Promise<T>,
  deadlineMs: number,
): Promise<{ ok: true; value: T } | { ok: false; timedOut: boolean; error?: unknown }> {
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      resolve({ ok: false, timedOut: true });
    }, deadlineMs);
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(work());
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ok: false, timedOut: false, error });
      },
    );
  });
}

function once(event: CompletableEvent): (options?: Record<string, unknown>) => void {
  let done = false;
  return (options) => {
    if (done) return;
    done = true;
    try {
      if (options) event.completed(options);
      else event.completed();
    } catch {
      // Nothing more can be done for this activation; Outlook times it out and lets the item through.
    }
  };
}

export async function runSend(
  event: CompletableEvent,
  handlers: EventHandlers,
  office: OfficeGlobal | undefined,
  deadlineMs: number,
): Promise<void> {
  const complete = once(event);
  try {
    const outcome = await withDeadline(() => handlers.onSend(), deadlineMs);
    if (!outcome.ok || outcome.value.allow) {
      complete({ allowEvent: true });
      return;
    }
    const options: Record<string, unknown> = {
      allowEvent: false,
      errorMessage: truncate(outcome.value.message, SMART_ALERT_MAX),
    };
    // Mailbox 1.14: "prompt user" is the Smart Alert with Send Anyway, whatever the manifest says.
    const promptUser = office?.MailboxEnums?.SendModeOverride?.PromptUser;
    if (promptUser) options['sendModeOverride'] = promptUser;
    complete(options);
  } catch {
    complete({ allowEvent: true });
  }
}

export async function runChanged(
  event: CompletableEvent,
  kind: ChangeKind,
  handlers: EventHandlers,
  office: OfficeGlobal | undefined,
  deadlineMs: number,
): Promise<void> {
  const complete = once(event);
  try {
    const outcome = await withDeadline(async () => {
      const text = await handlers.onChanged(kind);
      await showNotification(office, text);
    }, deadlineMs);
    // A stale figure is worse than none: if this check failed, the previous message no longer describes the meeting.
    if (!outcome.ok) await withDeadline(() => showNotification(office, undefined), 500);
  } catch {
    // Fall through to completed().
  }
  complete();
}

/** Replaces (or, for undefined, removes) the add-in's notification on the open item. */
export async function showNotification(office: OfficeGlobal | undefined, text: string | undefined): Promise<void> {
  const messages = office?.context?.mailbox?.item?.notificationMessages;
  if (!office || !messages) return;
  await new Promise<void>((resolve, reject) => {
    const done = (result: Office.AsyncResult<void>): void => {
      if (String(result.status) === 'failed') reject(new Error(result.error?.message ?? 'notification failed'));
      else resolve();
    };
    if (text === undefined) {
      messages.removeAsync(NOTIFICATION_KEY, done);
      return;
    }
    messages.replaceAsync(
      NOTIFICATION_KEY,
      {
        type: office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
        message: truncate(text, NOTIFICATION_MAX),
        icon: 'Icon.16x16',
        persistent: false,
      },
      done,
    );
  });
}

/**
 * Registers the three handlers. Call at the top level of the handler bundle: the JavaScript-only runtime looks the
 * functions up right after loading the file.
 */
export function registerEventHandlers(handlers: EventHandlers, options: RegisterOptions = {}): boolean {
  const scope = options.scope ?? globalThis;
  const office = (scope as { Office?: OfficeGlobal }).Office;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (!office?.actions?.associate) return false;
  office.actions.associate(HANDLER_NAMES.send, (event: CompletableEvent) => {
    void runSend(event, handlers, office, deadlineMs);
  });
  office.actions.associate(HANDLER_NAMES.timeChanged, (event: CompletableEvent) => {
    void runChanged(event, 'time', handlers, office, deadlineMs);
  });
  office.actions.associate(HANDLER_NAMES.attendeesChanged, (event: CompletableEvent) => {
    void runChanged(event, 'attendees', handlers, office, deadlineMs);
  });
  return true;
}

/** Office SSO token for the service (Office.auth, no MSAL); undefined where SSO is not set up or not allowed. */
export async function officeSsoToken(scope: object = globalThis): Promise<string | undefined> {
  const office = (scope as { Office?: OfficeGlobal }).Office;
  if (!office?.auth?.getAccessToken) return undefined;
  try {
    return await office.auth.getAccessToken({
      allowSignInPrompt: false,
      allowConsentPrompt: false,
      forMSGraphAccess: false,
    });
  } catch {
    return undefined;
  }
}
