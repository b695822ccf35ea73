import { z } from 'zod';
import { PHASES, TEMPLATE_KEYS } from '@humandebt/core';

/**
 * Card actions are routed by verb. Teams merges the card's input values into `activity.value` beside the data we
 * put on the button, so this module is the one place that turns that untyped bag into a typed action; anything
 * that does not parse is ignored (and answered with the help card), never trusted.
 */

const id = z.string().min(1).max(200);
const input = z.string().max(2000).optional();

const Verbs = z.discriminatedUnion('verb', [
  z.looseObject({
    verb: z.literal('retro-start'),
    template: z.enum(TEMPLATE_KEYS as [string, ...string[]]).optional(),
  }),
  z.looseObject({ verb: z.literal('retro-next'), retroId: id, phase: z.enum(PHASES as [string, ...string[]]) }),
  z.looseObject({ verb: z.literal('retro-handover'), retroId: id, to: input }),
  z.looseObject({
    verb: z.literal('retro-review'),
    retroId: id,
    actionId: id,
    decision: z.enum(['done', 'blocked', 'still-going']),
  }),
  z.looseObject({ verb: z.literal('retro-drop'), retroId: id, actionId: id }),
  z.looseObject({ verb: z.literal('retro-card'), retroId: id, column: input, text: input }),
  z.looseObject({ verb: z.literal('retro-page'), retroId: id, page: z.coerce.number().int().min(0).max(100) }),
  z.looseObject({ verb: z.literal('retro-merge'), retroId: id, ids: input, title: input }),
  z.looseObject({
    verb: z.literal('retro-vote'),
    retroId: id,
    targetId: id,
    page: z.coerce.number().int().min(0).max(100).optional(),
  }),
  z.looseObject({
    verb: z.literal('retro-my-votes'),
    retroId: id,
    page: z.coerce.number().int().min(0).max(100).optional(),
  }),
  z.looseObject({
    verb: z.literal('retro-why'),
    retroId: id,
    chainId: id,
    level: z.coerce.number().int().min(1).max(5),
    why: input,
  }),
  z.looseObject({ verb: z.literal('retro-why-done'), retroId: id, chainId: id }),
  z.looseObject({
    verb: z.literal('retro-action'),
    retroId: id,
    title: input,
    owner: input,
    due: input,
    target: input,
  }),
  z.looseObject({ verb: z.literal('retro-agreement'), retroId: id, kind: input, value: input }),
  z.looseObject({
    verb: z.literal('pulse-submit'),
    teamId: id,
    week: z.string().regex(/^\d{4}-W\d{2}$/),
    comment: input,
  }),
  z.looseObject({
    verb: z.literal('reminder'),
    teamId: id,
    actionId: id,
    choice: z.enum(['done', 'blocked', 'help', 'move']),
    due: input,
  }),
  z.looseObject({
    verb: z.literal('settings-save'),
    k: z.union([z.string(), z.number()]).optional(),
    cadence: input,
    start: input,
    end: input,
    timeZone: input,
  }),
]);

export type CardAction = z.infer<typeof Verbs>;
export type Verb = CardAction['verb'];
export type ActionOf<V extends Verb> = Extract<CardAction, { verb: V }>;

export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = Verbs.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Pulse answers arrive as inputs named `item:<id>` with values "1".."7" (ChoiceSet values are strings). */
export function pulseAnswers(value: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!key.startsWith('item:')) continue;
    const n = typeof v === 'string' && /^[1-7]$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
    if (Number.isInteger(n)) out[key.slice(5)] = n;
  }
  return out;
}

/** A multi-select ChoiceSet sends "a,b,c". */
export function splitIds(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 60);
}
