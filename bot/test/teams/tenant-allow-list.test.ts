import { ActivityTypes, TestAdapter } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { tenantAllowList } from '../../src/teams/adapter';

const PROD = {
  HD_MODE: 'production',
  HOST: '0.0.0.0',
  BOT_APP_ID: 'app',
  BOT_APP_PASSWORD: 'pw',
  BOT_TENANT_ID: 'tenant-home',
  ENTRA_CLIENT_ID: 'client',
  ALLOWED_TENANTS: 'tenant-a',
  PSEUDONYM_SECRET: 'x'.repeat(40),
};

async function reply(env: Record<string, string>, tenantId: string | undefined): Promise<boolean> {
  let handled = false;
  const adapter = new TestAdapter(async (context) => {
    handled = true;
    await context.sendActivity('ok');
  });
  adapter.use(tenantAllowList(loadConfig(env, '/srv'), pino({ level: 'silent' })));
  await adapter.send({
    type: ActivityTypes.Message,
    text: 'help',
    conversation: {
      id: 'c',
      isGroup: false,
      name: '',
      conversationType: 'personal',
      ...(tenantId ? { tenantId } : {}),
    },
  });
  return handled;
}

describe('bot tenant allow-list', () => {
  it('runs turns in production only for allowed tenants (the allow-list and the bot’s own tenant)', async () => {
    expect(await reply(PROD, 'tenant-a')).toBe(true);
    expect(await reply(PROD, 'tenant-home')).toBe(true);
    expect(await reply(PROD, 'tenant-evil')).toBe(false);
    expect(await reply(PROD, undefined)).toBe(false);
  });

  it('does not filter in local mode', async () => {
    expect(await reply({}, 'anything')).toBe(true);
  });
});

describe('bot tenant allow-list, one tenant per activity', () => {
  it('drops an activity that names an allowed tenant in one field and another tenant in the other', async () => {
    let handled = false;
    const adapter = new TestAdapter(async (context) => {
      handled = true;
      await context.sendActivity('ok');
    });
    adapter.use(tenantAllowList(loadConfig(PROD, '/srv'), pino({ level: 'silent' })));
    for (const [conversationTenant, channelTenant] of [
      ['tenant-a', 'tenant-evil'],
      ['tenant-evil', 'tenant-a'],
    ]) {
      await adapter.send({
        type: ActivityTypes.Message,
        text: 'help',
        conversation: { id: 'c', isGroup: false, name: '', conversationType: 'personal', tenantId: conversationTenant },
        channelData: { tenant: { id: channelTenant } },
      });
    }
    expect(handled).toBe(false);
  });
});
