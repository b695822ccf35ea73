import { mergeClasses } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';
import { useWeekTabsStyles } from './WeekTabs.styles';

export interface WeekTab<K extends string> {
  key: K;
  label: string;
  /** The id the tab panel names as its label. */
  id: string;
}

export interface WeekTabsProps<K extends string> {
  tabs: readonly WeekTab<K>[];
  selected: K;
  panelId: string;
  label: string;
  onSelect(key: K): void;
}

/**
 * A WAI-ARIA tab list (roving tab index, arrow keys, Home/End). Written out rather than Fluent's TabList: two tabs do
 * not need Fluent's focus-management engine, which alone would be ~20 KB gzip of the pane's first load.
 */
export function WeekTabs<K extends string>({ tabs, selected, panelId, label, onSelect }: WeekTabsProps<K>) {
  const styles = useWeekTabsStyles();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    onSelect(tabs[next]!.key);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {tabs.map((tab, index) => {
        const isSelected = tab.key === selected;
        return (
          <button
            key={tab.key}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={tab.id}
            aria-selected={isSelected}
            aria-controls={panelId}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, isSelected && styles.selected)}
            onClick={() => onSelect(tab.key)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
