import type { ActionDoc, AgreementDoc, RetroDoc } from '../store/documents';
import { describeRule } from './actions';
import { ranking, rootCause } from './machine';
import { TEMPLATES } from './templates';

/** What the close card shows and the dashboard keeps: themes with their (now revealed) votes, whys, actions, agreements. */
export interface RetroSummary {
  retroId: string;
  template: string;
  cards: number;
  people: number;
  voters: number;
  items: Array<{ title: string; votes: number; cards: number }>;
  whys: Array<{ title: string; answers: string[]; rootCause?: string }>;
  actions: Array<{ title: string; ownerName: string; due: string; target?: string }>;
  agreements: string[];
}

export function retroSummary(
  retro: RetroDoc,
  actions: readonly ActionDoc[],
  agreements: readonly AgreementDoc[],
): RetroSummary {
  const ownActions = actions.filter((a) => retro.actionIds.includes(a.id));
  const ownAgreements = agreements.filter((a) => retro.agreementIds.includes(a.id));
  return {
    retroId: retro.id,
    template: TEMPLATES[retro.template].label,
    cards: retro.cards.length,
    people: (retro.contributors ?? []).length,
    voters: Object.keys(retro.votesUsed).length,
    items: ranking(retro).map((t) => ({ title: t.title, votes: t.votes, cards: t.size })),
    whys: (retro.whys ?? []).map((c) => {
      const root = rootCause(c);
      return root === undefined
        ? { title: c.title, answers: c.answers }
        : { title: c.title, answers: c.answers, rootCause: root };
    }),
    actions: ownActions.map((a) =>
      a.target
        ? { title: a.title, ownerName: a.ownerName, due: a.due, target: `${a.target.kind}:${a.target.key}` }
        : { title: a.title, ownerName: a.ownerName, due: a.due },
    ),
    agreements: ownAgreements.map((a) =>
      a.title === describeRule(a.rule) ? a.title : `${a.title} (${describeRule(a.rule)})`,
    ),
  };
}
