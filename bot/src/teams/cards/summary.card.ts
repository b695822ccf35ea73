import type { RetroSummary } from '@humandebt/core';
import { card, heading, para, subtle, userText, type AdaptiveCard, type Element } from './elements';

/** The close card: themes with their revealed votes, why-chains, actions and agreements. Long lists are capped. */
export function summaryCard(s: RetroSummary): AdaptiveCard {
  const body: Element[] = [
    heading('Retro summary'),
    para(
      `${s.template} · ${s.cards} card${s.cards === 1 ? '' : 's'} from ${s.people} ${s.people === 1 ? 'person' : 'people'} · ${s.voters} voted`,
    ),
    para('**Top items**'),
    ...s.items
      .slice(0, 10)
      .map((i) =>
        para(
          `${i.votes} vote${i.votes === 1 ? '' : 's'} — ${userText(i.title)}${i.cards > 1 ? ` (${i.cards} cards)` : ''}`,
        ),
      ),
  ];
  if (s.items.length > 10) body.push(subtle(`…and ${s.items.length - 10} more items.`));
  for (const w of s.whys) {
    body.push(
      para(`**Five whys: ${userText(w.title)}**`),
      ...w.answers.map((a, i) => para(`Why ${i + 1}: ${userText(a)}`)),
    );
    if (w.rootCause) body.push(subtle(`Root cause: ${userText(w.rootCause)}`));
  }
  body.push(
    para('**Actions**'),
    ...(s.actions.length
      ? s.actions.map((a) => para(`• ${userText(a.title)} — ${userText(a.ownerName)}, due ${a.due}`))
      : [subtle('None recorded.')]),
  );
  body.push(
    para('**Agreements**'),
    ...(s.agreements.length ? s.agreements.map((a) => para(`• ${userText(a)}`)) : [subtle('None recorded.')]),
  );
  body.push(subtle('Actions and agreements now appear on the team dashboard; owners get a reminder on the due date.'));
  return card(body, [], 'Retro summary');
}
