import { Body1, Button } from '@fluentui/react-components';
import type { SuggestionKind } from '@humandebt/core';
import { useState } from 'react';
import type { LoadFormat } from '../meeting-load/load-format';
import type { Nudge } from '../meeting-load/nudges';
import { useNudgeListStyles } from './NudgeList.styles';

export interface NudgeListProps {
  nudges: readonly Nudge[] | undefined;
  format: LoadFormat;
  label: string;
}

const VISIBLE = 5;

const KIND_LABEL: Readonly<Record<SuggestionKind, string>> = {
  shorten: 'Shorten',
  'make-async': 'Make it asynchronous',
  'new-time': 'Propose a new time',
  'protect-focus': 'Protect a focus block',
  'decline-with-note': 'Decline with a note',
};

/** Nudges with the engine's concrete suggestion; the most pressing first, five at a time. */
export function NudgeList({ nudges, format: f, label }: NudgeListProps) {
  const styles = useNudgeListStyles();
  const [all, setAll] = useState(false);
  if (!nudges) return <Body1 className={styles.empty}>Looking for suggestions…</Body1>;
  if (nudges.length === 0)
    return (
      <Body1 className={styles.empty}>
        No suggestions: the meetings ahead keep to your limits and your team's agreements.
      </Body1>
    );
  const shown = all ? nudges : nudges.slice(0, VISIBLE);
  return (
    <>
      <ul className={styles.list} aria-label={label}>
        {shown.map((n) => (
          <li key={n.key} className={styles.item} data-code={n.code}>
            <span className={styles.rule}>{n.ruleName}</span>
            <span className={styles.when}>
              {f.day(n.date)}
              {n.end > n.start ? `, ${f.timeRange(n.start, n.end)}` : ''}
              {n.title ? ` · ${n.title}` : ''}
            </span>
            <span className={styles.problem}>{n.problem}</span>
            <p className={styles.suggestion}>
              <strong>{KIND_LABEL[n.suggestion.kind]}:</strong> {n.suggestion.text}
            </p>
            {n.suggestion.note && <blockquote className={styles.note}>{n.suggestion.note}</blockquote>}
          </li>
        ))}
      </ul>
      {nudges.length > VISIBLE && (
        <Button appearance="secondary" size="small" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? 'Show fewer suggestions' : `Show all ${nudges.length} suggestions`}
        </Button>
      )}
    </>
  );
}
