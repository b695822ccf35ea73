import { CardFactory, type Attachment } from 'botbuilder';
import { escapeMarkdown } from '@humandebt/core';
import type { CardAction } from '../card-values';

/**
 * Typed Adaptive Card 1.5 building blocks (the highest schema Teams renders). Cards are built by functions, never
 * pasted JSON. Every piece of user text goes through `userText` (Markdown-escaped) before it lands in a TextBlock;
 * plain-text places (choice titles, input values) go through `plain`.
 */

export const CARD_VERSION = '1.5';
/** Teams refuses larger cards; we keep a margin below 28 KB. */
export const MAX_CARD_BYTES = 28 * 1024;

export type Element =
  | {
      type: 'TextBlock';
      text: string;
      wrap: true;
      weight?: 'Bolder';
      size?: 'Small' | 'Medium' | 'Large';
      isSubtle?: boolean;
      spacing?: 'Small' | 'Medium' | 'Large';
      style?: 'heading';
      color?: 'Attention' | 'Good' | 'Warning';
    }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> }
  | { type: 'Container'; items: Element[]; separator?: boolean; spacing?: 'Small' | 'Medium'; style?: 'emphasis' }
  | {
      type: 'ColumnSet';
      columns: Array<{
        type: 'Column';
        width: 'auto' | 'stretch';
        items: Element[];
        verticalContentAlignment?: 'Center';
      }>;
    }
  | { type: 'ActionSet'; actions: CardButton[] }
  | {
      type: 'Input.Text';
      id: string;
      label: string;
      placeholder?: string;
      maxLength?: number;
      isMultiline?: boolean;
      isRequired?: boolean;
      errorMessage?: string;
      value?: string;
    }
  | { type: 'Input.Number'; id: string; label: string; min?: number; max?: number; value?: number }
  | {
      type: 'Input.Date';
      id: string;
      label: string;
      value?: string;
      min?: string;
      isRequired?: boolean;
      errorMessage?: string;
    }
  | {
      type: 'Input.ChoiceSet';
      id: string;
      label: string;
      choices: Array<{ title: string; value: string }>;
      value?: string;
      isMultiSelect?: boolean;
      style?: 'compact' | 'expanded';
      isRequired?: boolean;
      errorMessage?: string;
    };

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardAction & { msteams?: unknown };
  style?: 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

/**
 * Universal Action: Teams sends an `adaptiveCard/action` invoke and shows the card the bot answers with to the person
 * who pressed it only. Used where each person must see their own state (remaining votes) and nobody else's.
 */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: CardAction['verb'];
  data: CardAction;
  style?: 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

export type CardButton = SubmitAction | ExecuteAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  body: Element[];
  actions?: CardButton[];
  speak?: string;
  /** Teams asks the bot for this person's view of the card (an `adaptiveCard/action` invoke) when it shows it. */
  refresh?: { action: ExecuteAction };
}

export function card(body: Element[], actions: CardButton[] = [], speak?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
    ...(speak ? { speak } : {}),
  };
}

export function attachment(c: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(c);
}

export function cardBytes(c: AdaptiveCard | Attachment): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

/** User text for a TextBlock: Markdown-escaped so it renders exactly as typed. */
export function userText(text: string): string {
  return escapeMarkdown(text);
}

/** User text for a plain-text slot (choice titles, facts values are Markdown in Teams too, so escape there as well). */
export function plain(text: string, max = 120): string {
  const t = text
    .replace(/[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
}

export const heading = (text: string): Element => ({
  type: 'TextBlock',
  text,
  wrap: true,
  weight: 'Bolder',
  size: 'Large',
  style: 'heading',
});
export const para = (text: string, extra: Partial<Extract<Element, { type: 'TextBlock' }>> = {}): Element => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});
export const subtle = (text: string): Element => ({
  type: 'TextBlock',
  text,
  wrap: true,
  isSubtle: true,
  size: 'Small',
});
export const submit = (
  title: string,
  data: CardAction,
  style?: 'positive' | 'destructive',
  inputs: 'auto' | 'none' = 'none',
): SubmitAction => ({
  type: 'Action.Submit',
  title,
  data,
  associatedInputs: inputs,
  ...(style ? { style } : {}),
});
export const execute = (title: string, data: CardAction, style?: 'positive' | 'destructive'): ExecuteAction => ({
  type: 'Action.Execute',
  title,
  verb: data.verb,
  data,
  associatedInputs: 'none',
  ...(style ? { style } : {}),
});
export const actionSet = (...actions: CardButton[]): Element => ({ type: 'ActionSet', actions });
