import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** The built handler bundle (test/support/global-setup.ts builds it when it is missing). */
const bundlePath = fileURLToPath(new URL('../../addin/dist/commands.js', import.meta.url));

interface Completion {
  allowEvent?: boolean;
  errorMessage?: string;
  sendModeOverride?: string;
}

/**
 * The built event-handler bundle, run the way classic Outlook on Windows runs it: one classic script in a bare
 * JavaScript runtime — no window, no document, no DOM, no module loader — with only `Office`, timers and Intl.
 */
function runBundle(appointment: { start: Date; end: Date; attendees: number }) {
  const handlers = new Map<string, (event: { completed(options?: Completion): void }) => void>();
  const notifications: string[] = [];
  const ok = <T>(value: T) => ({ status: 'succeeded', value });
  const Office = {
    actions: {
      associate: (name: string, fn: (event: { completed(options?: Completion): void }) => void) =>
        handlers.set(name, fn),
    },
    MailboxEnums: {
      SendModeOverride: { PromptUser: 'promptUser' },
      ItemNotificationMessageType: { InformationalMessage: 'informationalMessage' },
      RestVersion: { v2_0: 'v2.0' },
    },
    context: {
      mailbox: {
        convertToRestId: (id: string) => id,
        item: {
          itemType: 'appointment',
          start: { getAsync: (cb: (r: unknown) => void) => cb(ok(appointment.start)) },
          end: { getAsync: (cb: (r: unknown) => void) => cb(ok(appointment.end)) },
          requiredAttendees: {
            getAsync: (cb: (r: unknown) => void) =>
              cb(ok(Array.from({ length: appointment.attendees }, (_, i) => ({ emailAddress: `p${i}@example.com` })))),
          },
          optionalAttendees: { getAsync: (cb: (r: unknown) => void) => cb(ok([])) },
          recurrence: { getAsync: (cb: (r: unknown) => void) => cb(ok(null)) },
          getItemIdAsync: (cb: (r: unknown) => void) => cb({ status: 'failed', error: { message: 'new item' } }),
          notificationMessages: {
            replaceAsync: (_key: string, details: { message: string }, cb: (r: unknown) => void) => {
              notifications.push(details.message);
              cb(ok(undefined));
            },
            removeAsync: (_key: string, cb: (r: unknown) => void) => cb(ok(undefined)),
          },
        },
      },
    },
  };
  const context = createContext({ Office, setTimeout, clearTimeout, console });
  runInContext(readFileSync(bundlePath, 'utf8'), context, { filename: 'commands.js' });
  const fire = (name: string) =>
    new Promise<Completion | undefined>((resolve) => {
      const handler = handlers.get(name);
      if (!handler) throw new Error(`${name} not registered`);
      handler({ completed: (options) => resolve(options) });
    });
  return { handlers, notifications, fire, context };
}

describe('event-handler bundle (dist/commands.js)', () => {
  const source = readFileSync(bundlePath, 'utf8');

  it('stays within 30 KB gzip and never names the DOM', () => {
    expect(gzipSync(source).length).toBeLessThanOrEqual(30 * 1024);
    expect(source).not.toMatch(/\b(document|window|localStorage|navigator)\b/);
    expect(source).not.toMatch(/\bimport\s*\(|\bimport\.meta\b|^import\s/m);
  });

  it('registers its three handlers in a bare JavaScript runtime', () => {
    const { handlers, context } = runBundle({
      start: new Date('2030-01-08T09:00:00Z'),
      end: new Date('2030-01-08T09:25:00Z'),
      attendees: 2,
    });
    expect([...handlers.keys()].sort()).toEqual([
      'onAppointmentAttendeesChangedHandler',
      'onAppointmentSendHandler',
      'onAppointmentTimeChangedHandler',
    ]);
    expect('window' in context || 'document' in context).toBe(false);
  });

  it('lets a light meeting through and soft-blocks a long, large one — without a calendar to read here', async () => {
    const light = runBundle({
      start: new Date('2030-01-08T09:00:00Z'),
      end: new Date('2030-01-08T09:25:00Z'),
      attendees: 2,
    });
    expect(await light.fire('onAppointmentSendHandler')).toEqual({ allowEvent: true });

    const heavy = runBundle({
      start: new Date('2030-01-08T09:00:00Z'),
      end: new Date('2030-01-08T11:00:00Z'),
      attendees: 12,
    });
    const alert = await heavy.fire('onAppointmentSendHandler');
    expect(alert).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
    expect(alert?.errorMessage).toContain('• Long meeting: It lasts 2 h, longer than 1 h.');
    expect(alert?.errorMessage).toContain('• Large meeting: It has 12 attendees, more than 8.');

    expect(await heavy.fire('onAppointmentTimeChangedHandler')).toBeUndefined();
    expect(heavy.notifications.at(-1)).toBe(
      'Calendar not readable here; the meeting itself was checked. Breaks: long meeting, large meeting.',
    );
  });
});
