import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import { useChartStyles } from './charts.styles';

export interface DataTable {
  columns: readonly string[];
  /** Cells already formatted for display (numbers in the user's locale, suppression text for suppressed cells). */
  rows: ReadonlyArray<{ key: string; cells: readonly ReactNode[] }>;
}

export interface ChartFigureProps {
  title: string;
  /** One sentence that says what the chart shows, read by screen readers as the chart's name. */
  summary: string;
  table: DataTable;
  /** Draws the chart; gets the accessible name to put on the SVG. */
  children: ReactNode;
  headingLevel?: 3 | 4;
}

/**
 * Every chart comes with its data table. The table is always in the page: visually hidden (but read by screen
 * readers) while the chart shows, and shown instead of the chart by "Show table" for anyone who prefers numbers.
 */
export function ChartFigure({ title, summary, table, children, headingLevel = 3 }: ChartFigureProps) {
  const styles = useChartStyles();
  const [asTable, setAsTable] = useState(false);
  const captionId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <div className={styles.header}>
        <Heading id={captionId} className={styles.caption}>
          {title}
        </Heading>
        {/* A plain Button with aria-pressed: Fluent's ToggleButton adds ~5 KB gzip of styles for the same semantics. */}
        {/* The visible text stays "Show table" and aria-pressed carries the state, so the accessible name always
            contains what is on screen (WCAG 2.5.3) and screen readers announce "pressed" / "not pressed". */}
        <Button
          size="small"
          appearance={asTable ? 'primary' : 'subtle'}
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
          aria-label={`Show table: ${title}`}
        >
          Show table
        </Button>
      </div>
      {!asTable && (
        <div role="img" aria-label={summary}>
          {children}
        </div>
      )}
      <div className={asTable ? styles.tableWrap : styles.visuallyHidden}>
        <DataTableView title={title} table={table} />
      </div>
    </figure>
  );
}

export function DataTableView({ title, table }: { title: string; table: DataTable }) {
  const styles = useChartStyles();
  return (
    <Table size="small" aria-label={`${title} (data)`}>
      <TableHeader>
        <TableRow>
          {table.columns.map((c) => (
            <TableHeaderCell key={c}>{c}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {table.rows.map((row) => (
          <TableRow key={row.key}>
            {row.cells.map((cell, i) => (
              <TableCell key={i} className={styles.number}>
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
