import { CardFactory, type Attachment } from 'botbuilder';

/** Commands the bot understands; the app manifest's command list is checked against this, so the two cannot drift. */
export const BOT_COMMANDS = [
  { command: 'help', description: 'What I can do and how your answers are protected' },
  { command: 'retro', description: 'Start a retrospective in this chat' },
  { command: 'pulse', description: 'Start a pulse check-in now (team owners)' },
  { command: 'actions', description: 'Open actions and who owns them' },
  { command: 'agreements', description: 'The team’s working agreements' },
  { command: 'settings', description: 'Privacy threshold, cadence, working hours (team owners)' },
  { command: 'privacy', description: 'What is stored and who can see it' },
] as const;

const PRIVACY_PROMISE =
  'Pulse answers are anonymous: we store no name or user id with them, and a team figure is shown only when at least ' +
  '5 people answered (your team may set a higher number). Retro cards are shown without authors. Your personal ' +
  'meeting details stay in Outlook on your device.';

/** Adaptive Card 1.5 (the highest Teams renders). Built in code, not pasted JSON, so it stays typed and testable. */
export function helpCard(options: { welcome?: boolean } = {}): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: options.welcome ? 'Welcome to Human Debt.' : 'Here is what I can do.',
    body: [
      {
        type: 'TextBlock',
        text: options.welcome ? 'Welcome to Human Debt' : 'Human Debt — what I can do',
        weight: 'Bolder',
        size: 'Large',
        wrap: true,
        style: 'heading',
      },
      {
        type: 'TextBlock',
        text: 'I run your team’s retrospectives and short pulse check-ins right here in Teams, and show whether the actions you agree on actually help.',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: BOT_COMMANDS.map((c) => ({ title: c.command, value: c.description })),
      },
      { type: 'TextBlock', text: 'Your privacy', weight: 'Bolder', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: PRIVACY_PROMISE, wrap: true, isSubtle: true },
    ],
    // The welcome card can start a retro right away (the button opens the format picker).
    actions: [{ type: 'Action.Submit', title: 'Start a retro', data: { verb: 'retro-start' } }],
  });
}
