import { ActivityTypes, TeamsActivityHandler, TurnContext, type ChannelAccount } from 'botbuilder';
import type { Logger } from 'pino';
import type { Store } from '@humandebt/core';
import type { Config } from '../config';
import type { Pseudonyms } from '../pulse/pseudonyms';
import { helpCard } from './help.card';

/** Everything a turn may use. The bot holds no per-conversation state of its own. */
export interface BotDeps {
  store: Store;
  pseudonyms: Pseudonyms;
  config: Config;
  logger: Logger;
}

/**
 * The conversational surface. It keeps no state on the instance (several service instances may serve one
 * conversation); everything a turn needs comes from the activity and the store.
 */
export class HumanDebtBot extends TeamsActivityHandler {
  constructor(protected readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      const text = commandText(context);
      // "help" and anything not understood get the help card: never silence.
      await context.sendActivity({ type: ActivityTypes.Message, attachments: [helpCard()], ...(text === 'help' ? {} : { text: text ? 'I did not understand that. Here is what I can do:' : undefined }) });
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const botAdded = (context.activity.membersAdded ?? []).some((m: ChannelAccount) => m.id === botId);
      if (botAdded) await context.sendActivity({ type: ActivityTypes.Message, attachments: [helpCard({ welcome: true })] });
      await next();
    });
  }
}

/** The command word of a message, with the bot's @mention removed and case folded. */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return withoutMention.replace(/<[^>]*>/g, ' ').trim().toLowerCase().split(/\s+/)[0] ?? '';
}
