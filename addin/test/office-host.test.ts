// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { HostTheme } from '@humandebt/web';
import { loadScript } from '../src/office/load-script';
import { connectOfficeHost, type BrowserEnvironment } from '../src/office/office-host';
import { officeRuntimeFromGlobal, type OfficeRuntime } from '../src/office/office-runtime';

const browser: BrowserEnvironment = { search: '', language: 'fr-FR', matchMedia: undefined };

/** A hand-written stand-in for office.js as the task pane sees it. */
class FakeOfficeRuntime implements OfficeRuntime {
  private themeHandler: ((color: string) => void) | undefined;
  constructor(
    private readonly behaviour: {
      host?: string | null;
      ready?: () => Promise<{ host: string | null }>;
      background?: string;
      language?: string;
    },
  ) {}
  onReady() {
    return this.behaviour.ready?.() ?? Promise.resolve({ host: this.behaviour.host ?? null });
  }
  bodyBackgroundColor() {
    return this.behaviour.background;
  }
  displayLanguage() {
    return this.behaviour.language;
  }
  onThemeChange(handler: (color: string) => void) {
    this.themeHandler = handler;
  }
  /** What Outlook does when the person switches its theme. */
  switchTheme(color: string) {
    this.themeHandler?.(color);
  }
}

describe('connectOfficeHost outside Outlook', () => {
  it('is standalone when office.js is not available (no internet, plain browser)', async () => {
    const host = await connectOfficeHost({ loadRuntime: async () => undefined, environment: browser });
    expect(host.mode).toBe('standalone');
    expect(host.locale).toBe('fr-FR');
    expect(host.getTheme()).toBe('default');
    await expect(host.getToken()).resolves.toBeUndefined();
  });

  it('is standalone when office.js loads but reports no Office host', async () => {
    const runtime = new FakeOfficeRuntime({ host: null });
    const host = await connectOfficeHost({ loadRuntime: async () => runtime, environment: browser });
    expect(host.mode).toBe('standalone');
  });

  it('is standalone when Office.onReady never answers', async () => {
    const runtime = new FakeOfficeRuntime({ ready: () => new Promise(() => undefined) });
    const host = await connectOfficeHost({
      loadRuntime: async () => runtime,
      readyTimeoutMs: 30,
      environment: browser,
    });
    expect(host.mode).toBe('standalone');
  });

  it('is standalone when loading office.js throws', async () => {
    const host = await connectOfficeHost({
      loadRuntime: () => Promise.reject(new Error('blocked')),
      environment: browser,
    });
    expect(host.mode).toBe('standalone');
  });

  it('honours ?theme= for tests', async () => {
    const host = await connectOfficeHost({
      loadRuntime: async () => undefined,
      environment: { ...browser, search: '?theme=dark' },
    });
    expect(host.getTheme()).toBe('dark');
  });
});

describe('connectOfficeHost in Outlook', () => {
  it('takes the theme from the Office body colour and the locale from the display language', async () => {
    const runtime = new FakeOfficeRuntime({ host: 'Outlook', background: '#1f1f1f', language: 'nl-NL' });
    const host = await connectOfficeHost({ loadRuntime: async () => runtime, environment: browser });
    expect(host.mode).toBe('outlook');
    expect(host.getTheme()).toBe('dark');
    expect(host.locale).toBe('nl-NL');
  });

  it('follows an Outlook theme switch', async () => {
    const runtime = new FakeOfficeRuntime({ host: 'Outlook', background: '#ffffff' });
    const host = await connectOfficeHost({ loadRuntime: async () => runtime, environment: browser });
    const seen: HostTheme[] = [];
    host.subscribe((theme) => seen.push(theme));
    runtime.switchTheme('#262626');
    runtime.switchTheme('#262626');
    expect(seen).toEqual(['dark']);
  });
});

describe('officeRuntimeFromGlobal', () => {
  it('returns nothing when Office is undefined, without a ReferenceError', () => {
    expect(officeRuntimeFromGlobal({})).toBeUndefined();
  });

  it('wraps a global Office object', async () => {
    const fakeOffice = {
      onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
      context: { officeTheme: { bodyBackgroundColor: '#000000' }, displayLanguage: 'en-GB' },
    };
    const runtime = officeRuntimeFromGlobal({ Office: fakeOffice });
    await expect(runtime?.onReady()).resolves.toEqual({ host: 'Outlook' });
    expect(runtime?.bodyBackgroundColor()).toBe('#000000');
    expect(runtime?.displayLanguage()).toBe('en-GB');
    // No mailbox: registering a theme handler is a quiet no-op.
    expect(() => runtime?.onThemeChange(() => undefined)).not.toThrow();
  });
});

describe('loadScript', () => {
  const src = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

  it('reports a failed download', async () => {
    const outcome = loadScript(document, src, 1000);
    const script = document.head.querySelector<HTMLScriptElement>(`script[src="${src}"]`)!;
    script.dispatchEvent(new Event('error'));
    await expect(outcome).resolves.toBe('failed');
    script.remove();
  });

  it('reports a loaded script', async () => {
    const outcome = loadScript(document, src, 1000);
    const script = document.head.querySelector<HTMLScriptElement>(`script[src="${src}"]`)!;
    script.dispatchEvent(new Event('load'));
    await expect(outcome).resolves.toBe('loaded');
    script.remove();
  });

  it('gives up after the timeout when the download hangs', async () => {
    await expect(loadScript(document, src, 20)).resolves.toBe('timeout');
  });
});
