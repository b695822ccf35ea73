import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type InvokeResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Store } from '@humandebt/core';
import type { Config } from '../config';
import type { Pseudonyms } from '../pulse/pseudonyms';
import { parseCardAction, type CardAction } from './card-values';
import { helpCard } from './help.card';
import { BotFrameworkMessenger, type Messenger } from './messenger';
import * as retro from './retro.handlers';
import { recordRoster, ensureTeam } from './roster';
import * as team from './team.handlers';
import { turnIdentity, type TurnIdentity } from './turn-identity';

/** Everything a turn may use. The bot holds no per-conversation state of its own. */
export interface BotDeps {
  store: Store;
  pseudonyms: Pseudonyms;
  config: Config;
  logger: Logger;
  /** Proactive sends (pulses, help requests). Defaults to the Bot Framework implementation over the turn's adapter. */
  messenger?: Messenger;
  /** Injected in tests; defaults to the wall clock. */
  now?: () => Date;
}

/** How long an activity id is remembered for dedupe: Teams redelivers within minutes, a day is ample. */
const PROCESSED_TTL_SECONDS = 86_400;

/**
 * The conversational surface. It keeps no state on the instance (several service instances may serve one
 * conversation); everything a turn needs comes from the activity and the store. Card actions are routed by verb.
 */
export class HumanDebtBot extends TeamsActivityHandler {
  constructor(protected readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      const id = turnIdentity(context.activity, deps.config.localIdentity?.tenantId);
      if (!id) {
        await context.sendActivity({ type: ActivityTypes.Message, attachments: [helpCard()] });
        return next();
      }
      await this.once(context, id, async () => {
        const value = context.activity.value as Record<string, unknown> | undefined;
        if (value && typeof value === 'object') {
          const action = parseCardAction(value);
          if (action) await this.route(context, id, action, value);
          else
            await context.sendActivity({
              type: ActivityTypes.Message,
              text: 'That button is no longer valid. Here is what I can do:',
              attachments: [helpCard()],
            });
          return;
        }
        await this.command(context, id);
      });
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const id = turnIdentity(context.activity, deps.config.localIdentity?.tenantId);
      const botId = context.activity.recipient?.id;
      const botAdded = (context.activity.membersAdded ?? []).some((m: ChannelAccount) => m.id === botId);
      if (id) {
        const now = this.now();
        if (botAdded) await ensureTeam(deps.store, context, id, now);
        await recordRoster(deps.store, context, id, deps.logger, now, { install: botAdded });
      }
      if (botAdded)
        await context.sendActivity({ type: ActivityTypes.Message, attachments: [helpCard({ welcome: true })] });
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const id = turnIdentity(context.activity, deps.config.localIdentity?.tenantId);
      const botId = context.activity.recipient?.id;
      if (id) {
        for (const m of context.activity.membersRemoved ?? []) {
          if (m.id === botId) continue;
          await deps.store.members.delete({ tenantId: id.tenantId, teamId: id.teamId, id: m.aadObjectId ?? m.id });
        }
        await retro.onMembersLeft({ deps, id });
      }
      await next();
    });
  }

  /**
   * Universal Actions (Action.Execute): Teams shows the card we answer with to the person who pressed the button
   * alone. Used for votes and each person's own vote view; other verbs arrive as Action.Submit messages.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const id = turnIdentity(context.activity, this.deps.config.localIdentity?.tenantId);
    const data = invokeValue.action?.data;
    const action =
      id && data && typeof data === 'object' ? parseCardAction({ ...data, verb: invokeValue.action.verb }) : undefined;
    if (!id || !action)
      return invokeError(400, 'BadRequest', 'That button is no longer valid. Type "help" to see what I can do.');
    const ctx = { context, deps: this.deps, id, now: this.now() };
    let answer: retro.PersonalAnswer;
    switch (action.verb) {
      case 'retro-vote':
        answer = await retro.voteExecute(ctx, action);
        break;
      case 'retro-my-votes':
        answer = await retro.myVotes(ctx, action);
        break;
      default:
        return invokeError(400, 'BadRequest', 'That button is no longer valid. Type "help" to see what I can do.');
    }
    if ('card' in answer)
      return {
        statusCode: 200,
        type: CardFactory.contentTypes.adaptiveCard,
        value: answer.card as unknown as Record<string, unknown>,
      };
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: answer.message as unknown as Record<string, unknown>,
    };
  }

  /**
   * An invoke this bot does not offer (task modules, message extensions, sign-in, unknown names) is the client's
   * mistake, not a failure of ours: answer 400 with a clear error instead of botbuilder's default 501.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    if (name !== 'adaptiveCard/action' && name !== 'healthCheck') {
      // Not offered here; botbuilder's own handlers for these also throw TypeErrors on malformed values.
      return { status: 400, body: invokeError(400, 'NotSupported', 'This app does not offer that action in Teams.') };
    }
    // botbuilder reads `value.action.type` without checking `value` is an object (a TypeError, then a 501).
    const value = context.activity.value as { action?: unknown } | undefined;
    if (
      name === 'adaptiveCard/action' &&
      (typeof value !== 'object' || value === null || typeof value.action !== 'object' || value.action === null)
    ) {
      return {
        status: 400,
        body: invokeError(400, 'BadRequest', 'That button is no longer valid. Type "help" to see what I can do.'),
      };
    }
    const response = await super.onInvokeActivity(context);
    if (response.status !== 501) return response;
    return { status: 400, body: invokeError(400, 'NotSupported', 'This app does not offer that action in Teams.') };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private messenger(context: TurnContext): Messenger {
    return this.deps.messenger ?? new BotFrameworkMessenger(context.adapter, this.deps.config);
  }

  /**
   * Teams resends an activity when a turn takes too long or fails. A redelivery of a turn that finished is dropped
   * (its activity id is recorded once the work is done). A turn that never finished — it failed, or the process died
   * in the middle — is not recorded, so its redelivery runs it again rather than losing it. Deliveries that overlap
   * in time may both run: the business keys inside the handlers (card ids from the activity id, ballots, action and
   * agreement ids, the phase expected by "next", pulse keys and leases) make a second run change nothing.
   */
  private async once(context: TurnContext, id: TurnIdentity, work: () => Promise<void>): Promise<void> {
    const activityId = context.activity.id;
    if (!activityId) return work();
    const key = `activity:${activityId}`.slice(0, 250);
    if (await this.deps.store.processed.get({ tenantId: id.tenantId, teamId: id.teamId, id: key })) {
      this.deps.logger.debug({ activityId }, 'duplicate delivery ignored');
      return;
    }
    await work();
    await this.deps.store.processed.markOnce(id.tenantId, id.teamId, key, PROCESSED_TTL_SECONDS, this.now());
  }

  private async command(context: TurnContext, id: TurnIdentity): Promise<void> {
    const [word, arg] = commandWords(context);
    const ctx = { context, deps: this.deps, id, now: this.now() };
    switch (word) {
      case 'retro':
        return retro.startCommand(ctx, arg);
      case 'pulse':
        return team.pulseCommand(ctx, this.messenger(context));
      case 'actions':
        return team.actionsCommand(ctx);
      case 'agreements':
        return team.agreementsCommand(ctx);
      case 'settings':
        return team.settingsCommand(ctx);
      case 'privacy':
        return team.privacyCommand(ctx);
      default:
        // "help" and anything not understood get the help card: never silence.
        await context.sendActivity({
          type: ActivityTypes.Message,
          attachments: [helpCard()],
          ...(word === 'help' ? {} : { text: word ? 'I did not understand that. Here is what I can do:' : undefined }),
        });
    }
  }

  private async route(
    context: TurnContext,
    id: TurnIdentity,
    action: CardAction,
    value: Record<string, unknown>,
  ): Promise<void> {
    const ctx = { context, deps: this.deps, id, now: this.now() };
    switch (action.verb) {
      case 'retro-start':
        return retro.startCommand(ctx, action.template);
      case 'retro-next':
        return retro.next(ctx, action);
      case 'retro-handover':
        return retro.handover(ctx, action);
      case 'retro-review':
        return retro.review(ctx, action);
      case 'retro-drop':
        return retro.drop(ctx, action);
      case 'retro-card':
        return retro.collect(ctx, action);
      case 'retro-page':
        return retro.page(ctx, action);
      case 'retro-merge':
        return retro.merge(ctx, action);
      case 'retro-vote':
        return retro.vote(ctx, action);
      case 'retro-my-votes':
        // Only ever sent as a Universal Action; a client that submits it as a message gets a pointer, not silence.
        await context.sendActivity({
          type: ActivityTypes.Message,
          text: 'Your votes show on the retro card, to you alone.',
        });
        return;
      case 'retro-why':
        return retro.why(ctx, action);
      case 'retro-why-done':
        return retro.whyDone(ctx, action);
      case 'retro-action':
        return retro.addAction(ctx, action);
      case 'retro-agreement':
        return retro.addAgreement(ctx, action);
      case 'pulse-submit':
        return team.pulseSubmit(ctx, action, value);
      case 'reminder':
        return team.reminderAction(ctx, action, this.messenger(context));
      case 'settings-save':
        return team.settingsSave(ctx, action);
    }
  }
}

function invokeError(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

/** The command word (and one argument) of a message, with the bot's @mention removed and case folded. */
export function commandWords(context: TurnContext): [string, string | undefined] {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  const words = withoutMention
    .replace(/<[^>]*>/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/);
  return [words[0] ?? '', words[1]];
}

/** The command word of a message (kept for callers of the earlier API). */
export function commandText(context: TurnContext): string {
  return commandWords(context)[0];
}
