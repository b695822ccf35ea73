import { mergeClasses } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';
import { useViewTabsStyles } from './ViewTabs.styles';

export interface ViewTabsProps<K extends string> {
  label: string;
  tabs: ReadonlyArray<{ value: K; label: string }>;
  selected: K;
  onSelect(value: K): void;
  tabId(value: K): string;
  panelId: string;
}

/**
 * The dashboard's view switcher: the WAI-ARIA tabs pattern with manual activation. ←/→ (and Home/End) move focus
 * between tabs, Enter or Space opens the focused view, Tab leaves the list for the panel; only the selected tab is in
 * the tab order (roving tabindex). Hand-written instead of Fluent's TabList, which brings tabster and the tabs
 * package (~24 KB gzip) and alone would push the dashboard past its 180 KB budget (docs/decisions/0004).
 * Manual activation because a view loads its data (and its code) when opened.
 */
export function ViewTabs<K extends string>({ label, tabs, selected, onSelect, tabId, panelId }: ViewTabsProps<K>) {
  const styles = useViewTabsStyles();
  const listRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const last = tabs.length - 1;
    const rtl = listRef.current ? getComputedStyle(listRef.current).direction === 'rtl' : false;
    const next = rtl ? 'ArrowLeft' : 'ArrowRight';
    const previous = rtl ? 'ArrowRight' : 'ArrowLeft';
    let target: number | undefined;
    if (event.key === next) target = index === last ? 0 : index + 1;
    else if (event.key === previous) target = index === 0 ? last : index - 1;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = last;
    if (target === undefined) return;
    event.preventDefault();
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[target]?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className={styles.list} ref={listRef}>
      {tabs.map((tab, index) => {
        const isSelected = tab.value === selected;
        return (
          <button
            key={tab.value}
            type="button"
            role="tab"
            id={tabId(tab.value)}
            aria-selected={isSelected}
            aria-controls={panelId}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, isSelected && styles.selected)}
            onClick={() => onSelect(tab.value)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
