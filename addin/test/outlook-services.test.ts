import { describe, expect, it } from 'vitest';
import { connectOfficeHost, type BrowserEnvironment } from '../src/office/office-host';
import type { OfficeRuntime } from '../src/office/office-runtime';

const browser: BrowserEnvironment = { search: '', language: 'en-US', matchMedia: undefined };

function outlookRuntime(extra: Partial<OfficeRuntime> = {}): OfficeRuntime {
  return {
    onReady: async () => ({ host: 'Outlook' }),
    bodyBackgroundColor: () => undefined,
    displayLanguage: () => 'en-US',
    onThemeChange: () => undefined,
    ...extra,
  };
}

describe('Outlook services of the task pane host', () => {
  it('reads the calendar from Graph and calls the service with NAA tokens for the right scopes', async () => {
    const asked: string[][] = [];
    const requests: Array<{ url: string; auth: string | undefined }> = [];
    const host = await connectOfficeHost({
      loadRuntime: async () => outlookRuntime(),
      environment: browser,
      auth: { clientId: 'client-1', apiScope: 'api://hd.example/client-1/access_as_user' },
      createTokenProvider: async () => ({
        getToken: async (scopes) => {
          asked.push(scopes);
          return `token-for-${scopes[0]}`;
        },
      }),
      fetch: async (input, init) => {
        requests.push({ url: String(input), auth: (init?.headers as Record<string, string>)['Authorization'] });
        return new Response(JSON.stringify({ value: [] }), { status: 200 });
      },
    });
    expect(host.mode).toBe('outlook');
    expect(host.calendar?.kind).toBe('outlook');
    await expect(host.getToken()).resolves.toBe('token-for-api://hd.example/client-1/access_as_user');
    await host.calendar!.load({ start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-07T00:00:00Z') });
    expect(requests[0]!.url).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/me\/calendarView\?/);
    expect(requests[0]!.auth).toBe('Bearer token-for-https://graph.microsoft.com/Calendars.ReadBasic');
    expect(asked).toEqual([
      ['api://hd.example/client-1/access_as_user'],
      ['https://graph.microsoft.com/Calendars.ReadBasic'],
    ]);
  });

  it('creates the token provider (MSAL) once, on the first token request', async () => {
    let created = 0;
    const host = await connectOfficeHost({
      loadRuntime: async () => outlookRuntime(),
      environment: browser,
      auth: { clientId: 'client-1', apiScope: 'api://x/access_as_user' },
      createTokenProvider: async () => {
        created++;
        return { getToken: async () => 't' };
      },
    });
    expect(created).toBe(0);
    await Promise.all([host.getToken(), host.getToken()]);
    expect(created).toBe(1);
  });

  it('says so when sign-in is not configured, and still follows the open appointment', async () => {
    const appointment = { read: async () => undefined, watch: () => () => undefined };
    const host = await connectOfficeHost({
      loadRuntime: async () => outlookRuntime({ appointment: () => appointment }),
      environment: browser,
      auth: undefined,
    });
    expect(host.calendar).toBeUndefined();
    expect(host.calendarNotice).toMatch(/Sign-in is not configured/);
    expect(host.appointment).toBe(appointment);
    await expect(host.getToken()).resolves.toBeUndefined();
  });

  it('has none of it outside Outlook', async () => {
    const host = await connectOfficeHost({ loadRuntime: async () => undefined, environment: browser });
    expect(host.calendar).toBeUndefined();
    expect(host.appointment).toBeUndefined();
    expect(host.calendarNotice).toBeUndefined();
  });
});
