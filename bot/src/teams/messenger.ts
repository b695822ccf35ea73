import {
  ActivityTypes,
  type Activity,
  type Attachment,
  type BotAdapter,
  type ConversationParameters,
  type TurnContext,
} from 'botbuilder';
import type { ConversationRef } from '@humandebt/core';
import type { Config } from '../config';
import { SendLimiter } from './send-limiter';

/**
 * Proactive messages (pulse cards, reminders): the one port the scheduler and the `pulse` command use. The
 * Bot Framework implementation lives here, behind the seam; tests use a hand-written fake.
 */
export interface Messenger {
  /** A 1:1 message to one member (their Entra object id) in the tenant of `team`. */
  toUser(
    team: { tenantId: string; conversation?: ConversationRef },
    userId: string,
    message: Partial<Activity>,
  ): Promise<void>;
  /** A message into the team's own conversation. */
  toConversation(ref: ConversationRef, message: Partial<Activity>): Promise<void>;
}

export function cardMessage(card: Attachment, text?: string): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [card], ...(text ? { text } : {}) };
}

const BOT_AUDIENCE = 'https://api.botframework.com';

export class BotFrameworkMessenger implements Messenger {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly config: Config,
    private readonly limiter = new SendLimiter(),
  ) {}

  async toUser(
    team: { tenantId: string; conversation?: ConversationRef },
    userId: string,
    message: Partial<Activity>,
  ): Promise<void> {
    const ref = team.conversation;
    if (!ref) throw new Error('team has no conversation reference yet (bot not installed)');
    // A "team" that is a 1:1 chat already is the private conversation with its one member.
    if (ref.conversationType === 'personal') return this.toConversation(ref, message);
    const params: ConversationParameters = {
      isGroup: false,
      bot: { id: ref.botId ?? this.config.bot.appId ?? 'bot', name: 'Human Debt' },
      members: [{ id: userId, name: '' }],
      tenantId: team.tenantId,
      channelData: { tenant: { id: team.tenantId } },
      activity: undefined as unknown as Activity,
    };
    await this.limiter.run(`user:${team.tenantId}:${userId}`, () =>
      captureErrors(
        (logic) =>
          this.adapter.createConversationAsync(
            this.config.bot.appId ?? '',
            ref.channelId,
            ref.serviceUrl,
            BOT_AUDIENCE,
            params,
            logic,
          ),
        message,
      ),
    );
  }

  async toConversation(ref: ConversationRef, message: Partial<Activity>): Promise<void> {
    await this.limiter.run(ref.conversationId, () =>
      captureErrors(
        (logic) =>
          this.adapter.continueConversationAsync(
            this.config.bot.appId ?? '',
            {
              channelId: ref.channelId,
              serviceUrl: ref.serviceUrl,
              conversation: {
                id: ref.conversationId,
                isGroup: ref.conversationType !== 'personal',
                conversationType: ref.conversationType ?? 'personal',
                name: '',
              },
              bot: { id: ref.botId ?? '', name: '' },
            },
            logic,
          ),
        message,
      ),
    );
  }
}

/**
 * The adapter hands an error thrown inside a proactive turn to onTurnError, which would try to tell "the user" in
 * the new conversation and then swallow it. Catch it inside the turn instead and rethrow it to the caller, so a
 * failed send is retried (and its 429 Retry-After honoured) rather than counted as sent.
 */
async function captureErrors(
  run: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  message: Partial<Activity>,
): Promise<void> {
  let failure: unknown;
  await run(async (context) => {
    try {
      await context.sendActivity(message);
    } catch (e) {
      failure = e;
    }
  });
  if (failure !== undefined) throw failure;
}
