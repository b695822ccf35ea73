import { Button, Spinner, Text } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { ErrorNotice, type Resource } from '@humandebt/web';
import { csvFileName, downloadCsv, type CsvTable } from './csv';
import { suppressionText } from './gated';
import { useDashboardStyles } from './dashboard.styles';

export interface ViewFrameProps<T> {
  title: string;
  /** File-name part of the CSV ("hazards"). */
  csvName: string;
  resource: Resource<T> & { reload(): void };
  /** The CSV of exactly what the view shows for `data`. */
  toCsv(data: T): CsvTable;
  teamName(data: T): string;
  children(data: T, headingId: string): ReactNode;
}

/** The frame every dashboard view shares: its heading, "Download CSV", and the loading and error states. */
export function ViewFrame<T>({ title, csvName, resource, toCsv, teamName, children }: ViewFrameProps<T>) {
  const styles = useDashboardStyles();
  const headingId = useId();
  const ready = resource.status === 'ready' ? resource.data : undefined;
  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.viewHeader}>
        <Text as="h3" id={headingId} size={500} weight="semibold" className={styles.viewTitle}>
          {title}
        </Text>
        <Button
          appearance="secondary"
          disabled={ready === undefined}
          onClick={() => {
            if (ready !== undefined) downloadCsv(csvFileName(teamName(ready), csvName), toCsv(ready));
          }}
        >
          Download CSV
        </Button>
      </div>
      <div aria-live="polite" aria-busy={resource.status === 'loading'}>
        {resource.status === 'loading' && (
          <Spinner size="small" labelPosition="after" label={`Loading ${title.toLowerCase()}…`} />
        )}
        {resource.status === 'error' && (
          <ErrorNotice title={`${title} could not be loaded`} error={resource.error} onRetry={resource.reload} />
        )}
      </div>
      {ready !== undefined && children(ready, headingId)}
    </section>
  );
}

/** A suppressed value: the suppression text with the result's own k, never a number. */
export function Suppressed({ k, message }: { k: number; message?: string }) {
  const styles = useDashboardStyles();
  return (
    <span className={styles.suppressed} title={message}>
      {suppressionText(k)}
    </span>
  );
}
