import {
  describeRule,
  DEFAULT_K,
  K_FLOOR,
  type ActionDoc,
  type AgreementDoc,
  type TeamSettings,
} from '@humandebt/core';
import { card, heading, para, subtle, submit, userText, type AdaptiveCard } from './elements';

export function actionsCard(
  actions: ReadonlyArray<Pick<ActionDoc, 'title' | 'ownerName' | 'due' | 'status'>>,
  today: string,
): AdaptiveCard {
  const open = actions
    .filter((a) => a.status === 'open' || a.status === 'in-progress' || a.status === 'blocked')
    .slice(0, 40);
  return card([
    heading('Open actions'),
    ...(open.length
      ? open.map((a) =>
          para(
            `• ${userText(a.title)} — ${userText(a.ownerName)}, due ${a.due}${a.due < today ? ' (**overdue**)' : ''}${a.status === 'blocked' ? ' (blocked)' : ''}`,
          ),
        )
      : [subtle('No open actions.')]),
  ]);
}

export function agreementsCard(agreements: ReadonlyArray<Pick<AgreementDoc, 'title' | 'rule'>>): AdaptiveCard {
  return card([
    heading('Team agreements'),
    ...(agreements.length
      ? agreements
          .slice(0, 40)
          .map((a) =>
            para(`• ${userText(a.title)}${a.title === describeRule(a.rule) ? '' : ` (${describeRule(a.rule)})`}`),
          )
      : [subtle('No agreements yet. Add them in the last step of a retro.')]),
  ]);
}

export function settingsCard(settings: TeamSettings): AdaptiveCard {
  return card(
    [
      heading('Team settings'),
      subtle(
        `Only team owners can change these. The privacy threshold k cannot go below ${K_FLOOR} (default ${DEFAULT_K}).`,
      ),
      {
        type: 'Input.Number',
        id: 'k',
        label: 'Privacy threshold k (minimum group size for any figure)',
        min: K_FLOOR,
        max: 100,
        value: settings.kThreshold,
      },
      {
        type: 'Input.ChoiceSet',
        id: 'cadence',
        label: 'Pulse cadence',
        style: 'compact',
        value: settings.pulseCadence,
        choices: [
          { title: 'Weekly', value: 'weekly' },
          { title: 'Every two weeks', value: 'biweekly' },
          { title: 'Off', value: 'off' },
        ],
      },
      {
        type: 'Input.Text',
        id: 'start',
        label: 'Working hours start (HH:mm)',
        value: settings.workingHours.start,
        maxLength: 5,
      },
      {
        type: 'Input.Text',
        id: 'end',
        label: 'Working hours end (HH:mm)',
        value: settings.workingHours.end,
        maxLength: 5,
      },
      {
        type: 'Input.Text',
        id: 'timeZone',
        label: 'Time zone (IANA, e.g. Europe/Berlin)',
        value: settings.timeZone,
        maxLength: 64,
      },
    ],
    [submit('Save', { verb: 'settings-save' }, 'positive', 'auto')],
  );
}

export function privacyCard(k: number): AdaptiveCard {
  return card([
    heading('What is stored and who can see it'),
    para(
      '**Pulse answers**: stored under a one-way code that changes every week, never with your name or user id. Team figures appear only when at least ' +
        k +
        ' people answered, and only once the week has closed (Monday noon UTC), so a late answer can never be picked out by comparing two views.',
    ),
    para(
      '**Retro cards**: stored without an author. Cards are revealed shuffled. Votes are counted per person under a one-way code, and totals stay hidden until voting closes.',
    ),
    para('**Actions and agreements**: stored with the owner’s name, visible to the team and its dashboard.'),
    para(
      '**Meeting load**: your calendar details stay in Outlook on your device; only opt-in weekly totals of last week are shared, shown when at least ' +
        k +
        ' people shared and sharing for that week has closed.',
    ),
    para(
      '**Team roster**: names and roles of the team’s members, so actions can have owners and owners can change settings.',
    ),
  ]);
}
