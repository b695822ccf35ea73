import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config';
import { startService, type RunningService, type StartOptions } from '../src/server';

/** Starts the real service on a free loopback port with a fresh SQLite file; returns it with a cleanup. */
export async function startTestService(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningService & { config: Config; dir: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-svc-'));
  const config = loadConfig({ PORT: '0', SQLITE_FILE: join(dir, 'svc.sqlite'), LOG_LEVEL: 'silent', ...env });
  const service = await startService(config, {
    logger: pino({ level: 'silent' }),
    staticRoots: { tab: join(dir, 'no-tab'), addin: join(dir, 'no-addin') },
    scheduler: false,
    ...options,
  });
  return {
    ...service,
    config,
    dir,
    async stop() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function activity(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    text,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 'demo-tenant' },
    from: { id: 'user-1', name: 'Ada', aadObjectId: 'demo-manager' },
    recipient: { id: 'bot-1', name: 'Human Debt' },
    // Replies come back in the HTTP response instead of being posted to serviceUrl.
    deliveryMode: 'expectReplies',
    ...extra,
  };
}
