import { OfficeMockObject } from 'office-addin-mock';

/**
 * An Outlook compose appointment on top of office-addin-mock: the getAsync-style APIs the add-in calls, the handler
 * registry (`Office.actions.associate`), and a record of notification messages. Each API answers from `state`, so a
 * test can change the meeting between events the way an organizer edits it.
 */
export interface MockAppointmentState {
  start: Date;
  end: Date;
  required: string[];
  optional: string[];
  recurring: boolean;
  /** Make the time read fail (as a host error would). */
  failStart?: boolean;
}

export interface MockOutlook {
  office: OfficeMockObject;
  scope: { Office: OfficeMockObject };
  state: MockAppointmentState;
  handlers: Map<string, (event: MockEvent) => void>;
  notifications: Array<{ action: 'replace' | 'remove'; key: string; message?: string; type?: string }>;
}

export interface MockEvent {
  completed: (options?: Record<string, unknown>) => void;
  calls: Array<Record<string, unknown> | undefined>;
  /** Resolves on the first completed() call. */
  done: Promise<Record<string, unknown> | undefined>;
}

export function mockEvent(options: { throwOnComplete?: boolean } = {}): MockEvent {
  const calls: Array<Record<string, unknown> | undefined> = [];
  let resolve!: (value: Record<string, unknown> | undefined) => void;
  const done = new Promise<Record<string, unknown> | undefined>((r) => {
    resolve = r;
  });
  return {
    calls,
    done,
    completed(completion) {
      calls.push(completion);
      resolve(completion);
      if (options.throwOnComplete) throw new Error('host gone');
    },
  };
}

const ok = <T>(value: T) => ({ status: 'succeeded', value });

export function mockOutlook(initial: MockAppointmentState): MockOutlook {
  const state = { ...initial };
  const handlers = new Map<string, (event: MockEvent) => void>();
  const notifications: MockOutlook['notifications'] = [];
  const recipients = (list: string[]) =>
    list.map((emailAddress) => ({ emailAddress, displayName: emailAddress, recipientType: 'user' }));
  const office = new OfficeMockObject(
    {
      context: {
        mailbox: {
          userProfile: { emailAddress: 'ada@example.com' },
          convertToRestId: (id: string) => `rest-${id}`,
          item: {
            itemType: 'appointment',
            start: {
              getAsync: (cb: (r: unknown) => void) =>
                cb(state.failStart ? { status: 'failed', error: { message: 'host error' } } : ok(state.start)),
            },
            end: { getAsync: (cb: (r: unknown) => void) => cb(ok(state.end)) },
            requiredAttendees: { getAsync: (cb: (r: unknown) => void) => cb(ok(recipients(state.required))) },
            optionalAttendees: { getAsync: (cb: (r: unknown) => void) => cb(ok(recipients(state.optional))) },
            recurrence: {
              getAsync: (cb: (r: unknown) => void) => cb(ok(state.recurring ? { recurrenceType: 'weekly' } : null)),
            },
            // A new appointment has no id until it is saved.
            getItemIdAsync: (cb: (r: unknown) => void) => cb({ status: 'failed', error: { message: 'not saved' } }),
            notificationMessages: {
              replaceAsync: (key: string, details: { message: string; type: string }, cb: (r: unknown) => void) => {
                notifications.push({ action: 'replace', key, message: details.message, type: details.type });
                cb(ok(undefined));
              },
              removeAsync: (key: string, cb: (r: unknown) => void) => {
                notifications.push({ action: 'remove', key });
                cb(ok(undefined));
              },
            },
          },
        },
      },
      actions: {
        associate: (name: string, handler: (event: MockEvent) => void) => {
          handlers.set(name, handler);
        },
      },
      MailboxEnums: {
        SendModeOverride: { PromptUser: 'promptUser' },
        ItemNotificationMessageType: { InformationalMessage: 'informationalMessage' },
        RestVersion: { v2_0: 'v2.0' },
      },
    },
    'outlook' as never,
  );
  return { office, scope: { Office: office }, state, handlers, notifications };
}
