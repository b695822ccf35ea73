import type { ActionDoc } from '@humandebt/core';
import { card, heading, para, submit, userText, type AdaptiveCard } from './elements';

/** The 1:1 reminder an action owner gets on the due date. */
export function reminderCard(
  action: Pick<ActionDoc, 'id' | 'teamId' | 'title' | 'due'>,
  overdue: boolean,
): AdaptiveCard {
  const data = (choice: 'done' | 'blocked' | 'help' | 'move') => ({
    verb: 'reminder' as const,
    teamId: action.teamId,
    actionId: action.id,
    choice,
  });
  return card(
    [
      heading(overdue ? 'An action is overdue' : 'An action is due today'),
      para(`**${userText(action.title)}** — due ${action.due}`),
      { type: 'Input.Date', id: 'due', label: 'New due date (for "Move date")' },
    ],
    [
      submit('Done', data('done'), 'positive'),
      submit('Blocked', data('blocked')),
      submit('Need help', data('help')),
      submit('Move date', data('move'), undefined, 'auto'),
    ],
    'Action reminder',
  );
}
