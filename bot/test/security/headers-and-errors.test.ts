import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../support';

describe('security headers and error hygiene', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc?.stop());

  it('lets only Teams, Outlook and Office frame the surfaces, and sets nosniff and a referrer policy everywhere', async () => {
    const dir = join(svc.dir, 'static');
    for (const sub of ['tab', 'addin']) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, sub === 'tab' ? 'index.html' : 'taskpane.html'), '<!doctype html><title>x</title>');
    }
    const withStatic = await startTestService(
      {},
      { staticRoots: { tab: join(dir, 'tab'), addin: join(dir, 'addin') } },
    );
    try {
      for (const path of ['/', '/tab/', '/addin/taskpane.html', '/api/v1/health', '/api/v1/teams', '/nope']) {
        const res = await fetch(`${withStatic.url}${path}`);
        const csp = res.headers.get('content-security-policy') ?? '';
        const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
        expect(ancestors, path).toContain('https://teams.microsoft.com');
        expect(ancestors, path).toContain('https://outlook.office.com');
        const hosts = [
          'teams.microsoft.com',
          'cloud.microsoft',
          'office.com',
          'office365.com',
          'outlook.com',
          'microsoft365.com',
        ];
        const allowed = (a: string) =>
          a === "'self'" ||
          hosts.some(
            (h) =>
              a === `https://${h}` ||
              a === `https://*.${h}` ||
              (a.startsWith('https://') && a.endsWith(`.${h}`) && !a.includes('*', 9)),
          );
        expect(
          ancestors.filter((a) => !allowed(a)),
          path,
        ).toEqual([]);
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
        expect(res.headers.get('x-powered-by'), path).toBeNull();
      }
    } finally {
      await withStatic.stop();
    }
  });

  it('answers malformed bot activities and API bodies with a clear 4xx or success, never a stack trace or exception text', async () => {
    const bodies: unknown[] = [
      '{',
      '[]',
      'null',
      '"text"',
      {},
      { type: 'message' },
      { type: 'message', text: 'help', conversation: null },
      {
        type: 'message',
        text: 'help',
        channelId: 'msteams',
        serviceUrl: 'not a url',
        conversation: { id: 'c' },
        from: { id: 'u' },
        recipient: { id: 'b' },
        deliveryMode: 'expectReplies',
      },
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { data: { verb: 'retro-vote', retroId: { $ne: 1 } } } },
        conversation: { id: 'c', tenantId: 'demo-tenant' },
        from: { id: 'u' },
        recipient: { id: 'b' },
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
      },
      {
        type: 'message',
        value: { verb: 'retro-vote', retroId: '../../etc/passwd', targetId: 'x'.repeat(10_000) },
        conversation: { id: 'c', tenantId: 'demo-tenant' },
        from: { id: 'u' },
        recipient: { id: 'b' },
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
      },
    ];
    for (const body of bodies) {
      const res = await fetch(`${svc.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeLessThan(500);
      expect(text, JSON.stringify(body).slice(0, 80)).not.toMatch(
        /\bat [\w.<>]+ \(|node_modules|TypeError|SyntaxError|Cannot read prop/,
      );
    }
    for (const [path, body] of [
      ['/api/v1/teams/team-platform/meeting-load', '{"week":'],
      ['/api/v1/teams/team-platform/meeting-load', JSON.stringify({ week: { $gt: '' }, metrics: [] })],
      ['/api/v1/admin/offboard', JSON.stringify({ confirm: ['x'] })],
    ] as const) {
      const res = await fetch(`${svc.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, path).toBe(400);
      expect(await res.text()).not.toMatch(/\bat [\w.<>]+ \(|node_modules|TypeError|SyntaxError/);
    }
    expect((await fetch(`${svc.url}/api/v1/health`)).status).toBe(200); // still up
  });
});
