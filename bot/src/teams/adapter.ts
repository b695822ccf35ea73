import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { activityTenant } from './turn-identity';

/**
 * The Bot Framework adapter. In production botbuilder validates the Bot Connector JWT on every request against the
 * configured app id and tenant; with no app id (local mode only — config refuses that in production) it accepts the
 * unauthenticated requests the Agents Playground sends.
 */
export function createBotAdapter(
  config: Config,
  logger: Logger,
  authOverrides?: Readonly<Record<string, string>>,
): CloudAdapter {
  // Without an app id (local mode only) botbuilder skips authentication; the app type must then be left unset,
  // because SingleTenant insists on an app id. Production always has one (config refuses to start otherwise).
  // authOverrides is for tests only (StartOptions.botAuthOverrides, never read from the environment): it points
  // botbuilder's OpenID metadata at a local key set so forged tokens can be tested. Setting any of botbuilder's
  // endpoint keys makes it use exactly the values given, so a caller must pass the whole public-cloud set.
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.bot.appId
      ? {
          MicrosoftAppId: config.bot.appId,
          MicrosoftAppPassword: config.bot.appPassword ?? '',
          MicrosoftAppType: config.bot.appType,
          MicrosoftAppTenantId: config.bot.tenantId ?? '',
          ...authOverrides,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.use(tenantAllowList(config, logger));
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // Log everything; tell the person only that it failed. Never send error.message into a chat.
    logger.error(
      {
        err: error,
        activityId: context.activity.id,
        conversationType: context.activity.conversation?.conversationType,
      },
      'bot turn failed',
    );
    try {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again in a moment.');
    } catch (sendError) {
      logger.warn({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}

/**
 * Production only: a turn runs only for tenants on the allow-list (ALLOWED_TENANTS plus the bot's own tenant). A valid
 * Bot Connector token proves the message came through the Bot Framework, not which organisation sent it; this check
 * does. Anything else is dropped before any handler or store access, and nothing is answered.
 */
export function tenantAllowList(config: Config, logger: Logger): Middleware {
  const allowed = new Set([
    ...(config.entra?.allowedTenants ?? []),
    ...(config.bot.tenantId ? [config.bot.tenantId] : []),
  ]);
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (config.mode !== 'production') return next();
      const tenant = activityTenant(context.activity);
      if (!tenant.tenantId || !allowed.has(tenant.tenantId)) {
        // No tenant id in the log: an unknown tenant's id is that organisation's, not ours to keep.
        logger.warn(
          { activityId: context.activity.id, tenantAllowed: false, reason: tenant.refused ?? 'tenant_not_allowed' },
          'activity from a tenant not on the allow-list dropped',
        );
        return;
      }
      return next();
    },
  };
}
