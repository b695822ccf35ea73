import { AGREE_SCALE_7, type Item } from '@humandebt/core';
import { card, heading, para, subtle, submit, type AdaptiveCard, type Element } from './elements';

/** The 1:1 pulse card. It says plainly what is stored and that it is anonymous, before anyone answers. */
export function pulseCard(input: {
  teamId: string;
  teamName: string;
  week: string;
  items: readonly Item[];
  k: number;
}): AdaptiveCard {
  const body: Element[] = [
    heading(`Pulse check-in (${input.week})`),
    para(`A few statements about your work in **${input.teamName.replace(/[\\`*_[\]<>#]/g, '')}**. About one minute.`),
    subtle(
      `What we store: your answers (1–7) under a one-way code that changes every week — no name, no user id. ` +
        `Your team sees results only when at least ${input.k} people answered. You can skip any statement` +
        (input.items.some((i) => i.instrument === 'edmondson-1999')
          ? ', except that the first seven (about the team) count only when all seven are answered.'
          : '.'),
    ),
  ];
  for (const item of input.items) {
    body.push({
      type: 'Input.ChoiceSet',
      id: `item:${item.id}`,
      label: item.text,
      style: 'compact',
      choices: AGREE_SCALE_7.map((title, i) => ({ title: `${i + 1} · ${title}`, value: String(i + 1) })),
    });
  }
  body.push({
    type: 'Input.Text',
    id: 'comment',
    label: 'Anything else? (optional, kept only for larger teams)',
    maxLength: 1000,
    isMultiline: true,
  });
  return card(
    body,
    [submit('Send anonymously', { verb: 'pulse-submit', teamId: input.teamId, week: input.week }, 'positive', 'auto')],
    'Pulse check-in',
  );
}
