import { Button, Caption1, MessageBar, MessageBarBody, mergeClasses, Spinner, Text } from '@fluentui/react-components';
import { useRef, useState, type DragEvent } from 'react';
import type { CalendarSourceKind } from '../calendar/calendar-source';
import { useCalendarSourceBarStyles } from './CalendarSourceBar.styles';

export interface CalendarSourceBarProps {
  kind: CalendarSourceKind;
  label: string;
  /** The label of the source "Use … again" returns to, when an imported file is in use. */
  defaultLabel: string;
  busy: boolean;
  error: string | undefined;
  notice: string | undefined;
  onImport(file: File): void;
  onReset(): void;
}

const KIND_TEXT: Readonly<Record<CalendarSourceKind, string>> = {
  outlook: 'Outlook',
  demo: 'Demo data',
  ics: 'Imported file',
};

/** Which calendar the figures come from, and the .ics import (button or drop). The file is read on this device only. */
export function CalendarSourceBar({
  kind,
  label,
  defaultLabel,
  busy,
  error,
  notice,
  onImport,
  onReset,
}: CalendarSourceBarProps) {
  const styles = useCalendarSourceBarStyles();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files?.[0];
    if (file) onImport(file);
  };
  return (
    <section
      className={mergeClasses(styles.root, dragging && styles.dragging)}
      aria-label="Calendar source"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Text className={styles.source} data-testid="calendar-source" data-kind={kind}>
        Calendar in use: <strong>{label}</strong> ({KIND_TEXT[kind]})
      </Text>
      <div className={styles.actions}>
        <Button onClick={() => input.current?.click()} disabled={busy}>
          Import .ics file
        </Button>
        {kind === 'ics' && (
          <Button appearance="subtle" onClick={onReset} disabled={busy}>
            Use {defaultLabel.toLowerCase()} again
          </Button>
        )}
        {busy && <Spinner size="tiny" label="Reading the file…" labelPosition="after" />}
      </div>
      <Caption1 className={styles.hint}>
        …or drop an .ics file here. It is read on this device and never uploaded.
      </Caption1>
      <input
        ref={input}
        className={styles.fileInput}
        type="file"
        accept=".ics,text/calendar"
        tabIndex={-1}
        aria-label="Choose an .ics calendar file"
        data-testid="ics-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Reset so choosing the same file again (after fixing it) fires another change.
          event.target.value = '';
          if (file) onImport(file);
        }}
      />
      <div aria-live="polite">
        {error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {notice && !error && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
