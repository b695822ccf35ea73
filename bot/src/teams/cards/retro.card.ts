import {
  AGREEMENT_KINDS,
  collectionCounts,
  describeRule,
  MAX_CARD_TEXT,
  MAX_WHY_LEVELS,
  revealOrder,
  TEMPLATES,
  targetOptions,
  visibleVotes,
  voteTargets,
  type ActionDoc,
  type AgreementDoc,
  type RetroDoc,
  type RetroPhase,
  type VoteTarget,
} from '@humandebt/core';
import {
  actionSet,
  card,
  execute,
  heading,
  para,
  plain,
  subtle,
  submit,
  userText,
  type AdaptiveCard,
  type Element,
} from './elements';

/**
 * The shared retro card: one card in the chat, updated in place as the retro moves on. It never shows who wrote a
 * card, and while voting it shows only how many people voted. Long lists are paged so a 60-card retro stays far
 * below Teams' 28 KB card limit (PAGE_SIZE items of at most 280 characters each).
 */

export const PAGE_SIZE = 15;

export interface RetroView {
  retro: RetroDoc;
  facilitatorName: string;
  roster: ReadonlyArray<{ id: string; displayName: string }>;
  page?: number;
  /** Open actions from earlier retros (opening review). */
  reviewActions?: ReadonlyArray<Pick<ActionDoc, 'id' | 'title' | 'ownerName' | 'due' | 'status'>>;
  /** Already gated: present only when the team's meeting load passed the privacy gate. */
  meetingLoad?:
    | {
        weeks: number;
        sharers: number;
        meetingHours?: number;
        focusHours?: number;
        backToBackChains?: number;
        afterHoursHours?: number;
      }
    | { suppressed: string };
  actions?: ReadonlyArray<Pick<ActionDoc, 'title' | 'ownerName' | 'due'>>;
  agreements?: ReadonlyArray<Pick<AgreementDoc, 'title' | 'rule'>>;
  today?: string;
  /**
   * One person's own view while voting (the answer to their Universal Action, shown to them alone): how many votes
   * they have left and which items they voted for. The shared card never carries this.
   */
  personal?: { votesLeft: number; voted: ReadonlySet<string>; notice?: string; isFacilitator: boolean };
  /** While voting: `voteTargets(retro)` when the caller has it already (it shuffles; no need to do that twice). */
  targets?: readonly VoteTarget[];
}

const PHASE_TITLES: Record<RetroPhase, string> = {
  opening: 'Opening',
  collect: 'Collect (private)',
  group: 'Reveal and group',
  vote: 'Vote',
  whys: 'Five whys',
  actions: 'Actions and agreements',
  closed: 'Closed',
};

const NEXT_LABEL: Partial<Record<RetroPhase, string>> = {
  opening: 'Start collecting',
  collect: 'Reveal cards',
  group: 'Start voting',
  vote: 'Close voting',
  whys: 'On to actions',
  actions: 'Close the retro',
};

export function pageCount(n: number): number {
  return Math.max(1, Math.ceil(n / PAGE_SIZE));
}

export function clampPage(page: number | undefined, n: number): number {
  return Math.min(Math.max(0, page ?? 0), pageCount(n) - 1);
}

function pager(retroId: string, page: number, total: number): Element[] {
  const pages = pageCount(total);
  if (pages <= 1) return [];
  const actions = [];
  if (page > 0) actions.push(submit('◀ Previous', { verb: 'retro-page', retroId, page: page - 1 }));
  if (page < pages - 1) actions.push(submit('Next ▶', { verb: 'retro-page', retroId, page: page + 1 }));
  return [subtle(`Page ${page + 1} of ${pages}`), actionSet(...actions)];
}

function header(v: RetroView): Element[] {
  const t = TEMPLATES[v.retro.template];
  return [
    heading(`Retro: ${t.label}`),
    {
      type: 'FactSet',
      facts: [
        { title: 'Step', value: PHASE_TITLES[v.retro.phase] },
        { title: 'Facilitator', value: userText(plain(v.facilitatorName, 80)) },
      ],
    },
  ];
}

function facilitatorTools(v: RetroView): Element[] {
  const r = v.retro;
  const next = NEXT_LABEL[r.phase];
  if (!next) return [];
  const others = v.roster.filter((m) => m.id !== r.facilitatorId).slice(0, 50);
  const out: Element[] = [
    subtle('Facilitator only:'),
    actionSet(submit(next, { verb: 'retro-next', retroId: r.id, phase: r.phase }, 'positive')),
  ];
  if (others.length > 0) {
    out.push(
      {
        type: 'Input.ChoiceSet',
        id: 'to',
        label: 'Hand the facilitator role to',
        style: 'compact',
        choices: others.map((m) => ({ title: plain(m.displayName, 60), value: m.id })),
      },
      actionSet(submit('Hand over', { verb: 'retro-handover', retroId: r.id }, undefined, 'auto')),
    );
  }
  return out;
}

function openingBody(v: RetroView): Element[] {
  const r = v.retro;
  const body: Element[] = [para('First, a look back: how did the actions from last time go?')];
  const review = r.review ?? [];
  if (review.length === 0) body.push(subtle('No open actions from earlier retros.'));
  for (const entry of review.slice(0, 10)) {
    const a = v.reviewActions?.find((x) => x.id === entry.actionId);
    const title = a ? `${a.title} — ${a.ownerName}, due ${a.due}` : 'An earlier action';
    const state = entry.decision
      ? ` (${entry.decision.replace('-', ' ')})`
      : entry.dropVotes.length
        ? ` (${entry.dropVotes.length} voted to drop)`
        : '';
    body.push({
      type: 'Container',
      separator: true,
      items: [
        para(`${userText(title)}${state}`),
        actionSet(
          submit('Done', { verb: 'retro-review', retroId: r.id, actionId: entry.actionId, decision: 'done' }),
          submit('Blocked', { verb: 'retro-review', retroId: r.id, actionId: entry.actionId, decision: 'blocked' }),
          submit('Still going', {
            verb: 'retro-review',
            retroId: r.id,
            actionId: entry.actionId,
            decision: 'still-going',
          }),
          submit('Vote to drop', { verb: 'retro-drop', retroId: r.id, actionId: entry.actionId }, 'destructive'),
        ),
      ],
    });
  }
  const ml = v.meetingLoad;
  if (ml && 'suppressed' in ml) body.push(subtle(`Meeting load: ${ml.suppressed}`));
  else if (ml) {
    const facts = [
      ml.meetingHours !== undefined
        ? { title: 'Meeting hours / person / week', value: ml.meetingHours.toFixed(1) }
        : undefined,
      ml.focusHours !== undefined
        ? { title: 'Focus hours / person / week', value: ml.focusHours.toFixed(1) }
        : undefined,
      ml.backToBackChains !== undefined
        ? { title: 'Back-to-back chains', value: ml.backToBackChains.toFixed(1) }
        : undefined,
      ml.afterHoursHours !== undefined
        ? { title: 'After-hours hours', value: ml.afterHoursHours.toFixed(1) }
        : undefined,
    ].filter((f): f is { title: string; value: string } => f !== undefined);
    body.push(
      para(`Team meeting load (last ${ml.weeks} week${ml.weeks === 1 ? '' : 's'}, ${ml.sharers} people sharing)`, {
        weight: 'Bolder',
      }),
      { type: 'FactSet', facts },
    );
  }
  return body;
}

function collectBody(v: RetroView): Element[] {
  const r = v.retro;
  const counts = collectionCounts(r);
  const t = TEMPLATES[r.template];
  return [
    para(
      `**${counts.cards} card${counts.cards === 1 ? '' : 's'} from ${counts.people} ${counts.people === 1 ? 'person' : 'people'}**`,
    ),
    { type: 'FactSet', facts: t.columns.map((c) => ({ title: c.label, value: String(counts.byColumn[c.key] ?? 0) })) },
    subtle(
      'Write your cards below. Nobody sees what you type; cards are stored without your name and shown shuffled when the facilitator reveals them.',
    ),
    {
      type: 'Input.ChoiceSet',
      id: 'column',
      label: 'Column',
      style: 'compact',
      value: t.columns[0]?.key ?? '',
      choices: t.columns.map((c) => ({ title: `${c.label}: ${c.prompt}`, value: c.key })),
    },
    {
      type: 'Input.Text',
      id: 'text',
      label: 'Your card',
      placeholder: 'One thought per card',
      maxLength: MAX_CARD_TEXT,
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Write something first',
    },
    actionSet(submit('Add card anonymously', { verb: 'retro-card', retroId: r.id }, 'positive', 'auto')),
  ];
}

function groupBody(v: RetroView): Element[] {
  const r = v.retro;
  const cards = revealOrder(r);
  const page = clampPage(v.page, cards.length);
  const slice = cards.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const columnLabel = (k: string) => TEMPLATES[r.template].columns.find((c) => c.key === k)?.label ?? k;
  const themeTitle = (id?: string) => r.themes.find((t) => t.id === id)?.title;
  const body: Element[] = [
    para(
      `${cards.length} cards, shuffled, no names. ${r.themes.length} theme${r.themes.length === 1 ? '' : 's'} so far.`,
    ),
  ];
  for (const c of slice) {
    const theme = themeTitle(c.themeId);
    body.push({
      type: 'Container',
      separator: true,
      items: [para(userText(c.text)), subtle(`${columnLabel(c.column)}${theme ? ` · theme: ${userText(theme)}` : ''}`)],
    });
  }
  body.push(...pager(r.id, page, cards.length));
  const choices = [
    ...r.themes.slice(0, 30).map((t) => ({ title: `Theme: ${plain(t.title, 60)}`, value: t.id })),
    ...slice.map((c) => ({ title: plain(c.text, 60), value: c.id })),
  ];
  body.push(
    para('Facilitator: merge cards into a theme', { weight: 'Bolder', spacing: 'Medium' }),
    {
      type: 'Input.ChoiceSet',
      id: 'ids',
      label: 'Cards or themes to merge',
      isMultiSelect: true,
      style: 'compact',
      choices,
    },
    { type: 'Input.Text', id: 'title', label: 'Theme title (optional)', maxLength: 120 },
    actionSet(submit('Merge', { verb: 'retro-merge', retroId: r.id }, undefined, 'auto')),
  );
  return body;
}

function voteBody(v: RetroView): Element[] {
  const r = v.retro;
  const targets = v.targets ?? voteTargets(r);
  const page = clampPage(v.page, targets.length);
  const seen = visibleVotes(r);
  const mine = v.personal;
  const body: Element[] = [
    para(`Each person has **${r.voteBudget} votes** (one per item). Totals stay hidden until voting closes.`),
    subtle(seen.hidden ? `${seen.voters} ${seen.voters === 1 ? 'person has' : 'people have'} voted so far.` : ''),
  ];
  if (mine) {
    if (mine.notice) body.push(para(mine.notice, { weight: 'Bolder' }));
    body.push(
      para(
        mine.votesLeft === 0
          ? 'You have used all your votes. Only you see this.'
          : `You have **${mine.votesLeft} ${mine.votesLeft === 1 ? 'vote' : 'votes'} left**. Only you see this.`,
        mine.votesLeft === 0 ? { color: 'Good' } : {},
      ),
    );
  } else {
    body.push(subtle('Press Vote on an item; your remaining votes show here, to you alone.'));
  }
  for (const t of targets.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
    const votedFor = mine?.voted.has(t.id) ?? false;
    const control: Element = votedFor
      ? para('✓ Your vote', { weight: 'Bolder', color: 'Good' })
      : actionSet(execute('Vote', { verb: 'retro-vote', retroId: r.id, targetId: t.id, page }));
    body.push({
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            para(
              `${t.kind === 'theme' ? '**Theme:** ' : ''}${userText(t.title)}${t.size > 1 ? ` (${t.size} cards)` : ''}`,
            ),
          ],
        },
        { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [control] },
      ],
    });
  }
  body.push(...votePager(r.id, page, targets.length));
  return body;
}

/** While voting, paging is personal too (a Universal Action answered with this person's view of that page). */
function votePager(retroId: string, page: number, total: number): Element[] {
  const pages = pageCount(total);
  if (pages <= 1) return [];
  const actions = [];
  if (page > 0) actions.push(execute('◀ Previous', { verb: 'retro-my-votes', retroId, page: page - 1 }));
  if (page < pages - 1) actions.push(execute('Next ▶', { verb: 'retro-my-votes', retroId, page: page + 1 }));
  return [subtle(`Page ${page + 1} of ${pages}`), actionSet(...actions)];
}

function whysBody(v: RetroView): Element[] {
  const r = v.retro;
  const body: Element[] = [
    para('For the top items, ask "why?" up to five times. Look for causes in how we work, not in people.'),
  ];
  for (const chain of r.whys ?? []) {
    const items: Element[] = [para(`**${userText(chain.title)}** (${r.voteTotals[chain.targetId] ?? 0} votes)`)];
    chain.answers.forEach((a, i) => items.push(para(`Why ${i + 1}: ${userText(a)}`)));
    if (!chain.done && chain.answers.length < MAX_WHY_LEVELS) {
      const level = chain.answers.length + 1;
      items.push(
        {
          type: 'Input.Text',
          id: 'why',
          label: `Why? (level ${level} of ${MAX_WHY_LEVELS})`,
          maxLength: MAX_CARD_TEXT,
        },
        actionSet(
          submit('Add why', { verb: 'retro-why', retroId: r.id, chainId: chain.id, level }, undefined, 'auto'),
          ...(chain.answers.length > 0
            ? [submit('Root cause found', { verb: 'retro-why-done', retroId: r.id, chainId: chain.id })]
            : []),
        ),
      );
    } else items.push(subtle('Root cause: the last answer above.'));
    body.push({ type: 'Container', separator: true, items });
  }
  if ((r.whys ?? []).length === 0) body.push(subtle('No items received votes.'));
  return body;
}

function actionsBody(v: RetroView): Element[] {
  const r = v.retro;
  const body: Element[] = [];
  if ((v.actions ?? []).length)
    body.push(
      para('**Actions**'),
      ...(v.actions ?? []).map((a) => para(`• ${userText(a.title)} — ${userText(a.ownerName)}, due ${a.due}`)),
    );
  if ((v.agreements ?? []).length)
    body.push(
      para('**Agreements**'),
      ...(v.agreements ?? []).map((a) =>
        para(`• ${userText(a.title)}${a.title === describeRule(a.rule) ? '' : ` (${describeRule(a.rule)})`}`),
      ),
    );
  body.push(
    para('New action', { weight: 'Bolder', spacing: 'Medium' }),
    {
      type: 'Input.Text',
      id: 'title',
      label: 'What will we do?',
      maxLength: 120,
      isRequired: true,
      errorMessage: 'Give it a title',
    },
    // Sensible defaults (the facilitator, two weeks out) keep the form short; the target is a conscious choice.
    {
      type: 'Input.ChoiceSet',
      id: 'owner',
      label: 'Owner',
      style: 'compact',
      isRequired: true,
      value: r.facilitatorId,
      choices: v.roster.slice(0, 100).map((m) => ({ title: plain(m.displayName, 60), value: m.id })),
    },
    {
      type: 'Input.Date',
      id: 'due',
      label: 'Due',
      isRequired: true,
      ...(v.today ? { min: v.today, value: addDays(v.today, 14) } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'target',
      label: 'What should it improve? (so we can check later whether it did)',
      style: 'compact',
      isRequired: true,
      choices: targetOptions(),
    },
    actionSet(submit('Add action', { verb: 'retro-action', retroId: r.id }, 'positive', 'auto')),
    para('New team agreement (Outlook checks these when you plan meetings)', { weight: 'Bolder', spacing: 'Medium' }),
    {
      type: 'Input.ChoiceSet',
      id: 'kind',
      label: 'Kind',
      style: 'compact',
      choices: AGREEMENT_KINDS.map((k) => ({ title: `${k.title} (${k.hint})`, value: k.kind })),
    },
    { type: 'Input.Text', id: 'value', label: 'Value', placeholder: '16:00 · Wednesday · 8 · 25, 50', maxLength: 40 },
    actionSet(submit('Add agreement', { verb: 'retro-agreement', retroId: r.id }, undefined, 'auto')),
  );
  return body;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function retroCard(v: RetroView): AdaptiveCard {
  const r = v.retro;
  const body: Element[] = [...header(v)];
  switch (r.phase) {
    case 'opening':
      body.push(...openingBody(v));
      break;
    case 'collect':
      body.push(...collectBody(v));
      break;
    case 'group':
      body.push(...groupBody(v));
      break;
    case 'vote':
      body.push(...voteBody(v));
      break;
    case 'whys':
      body.push(...whysBody(v));
      break;
    case 'actions':
      body.push(...actionsBody(v));
      break;
    case 'closed':
      body.push(para('This retro is closed. The summary is below.'));
      break;
  }
  // In a person's own view the facilitator's controls go to the facilitator alone.
  if (!v.personal || v.personal.isFacilitator) body.push(...facilitatorTools(v));
  else body.push(subtle(`${userText(plain(v.facilitatorName, 80))} (facilitator) closes voting.`));
  const out = card(body, [], `Retro, ${PHASE_TITLES[r.phase]}`);
  // While voting, Teams asks for each viewer's own card (remaining votes, their ticks) whenever it shows this one.
  if (r.phase === 'vote')
    out.refresh = {
      action: execute('Show my votes', {
        verb: 'retro-my-votes',
        retroId: r.id,
        ...(v.page !== undefined ? { page: v.page } : {}),
      }),
    };
  return out;
}

export function templatePickerCard(): AdaptiveCard {
  return card(
    [
      heading('Start a retro'),
      para('Pick a format. The person who starts is the facilitator and can hand the role over.'),
      {
        type: 'Input.ChoiceSet',
        id: 'template',
        label: 'Format',
        style: 'expanded',
        value: 'start-stop-continue',
        choices: Object.values(TEMPLATES).map((t) => ({ title: t.label, value: t.key })),
      },
    ],
    [submit('Start', { verb: 'retro-start' }, 'positive', 'auto')],
  );
}
