import { makeStyles, tokens } from '@fluentui/react-components';

export const useHazardLedgerStyles = makeStyles({
  scroller: {
    overflowX: 'auto',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { minWidth: '720px' },
  hazardCell: { minWidth: '180px' },
  cell: {
    minWidth: '84px',
    verticalAlign: 'top',
    fontVariantNumeric: 'tabular-nums',
    // Every heat cell paints its own colours; in forced colours the system keeps them readable.
    '@media (forced-colors: active)': { border: '1px solid CanvasText' },
  },
  bar: { display: 'block', height: '4px', marginTop: '2px' },
  small: { fontSize: tokens.fontSizeBase100, display: 'block' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'center',
  },
  swatch: {
    display: 'inline-block',
    width: '14px',
    height: '14px',
    marginInlineEnd: tokens.spacingHorizontalXS,
    verticalAlign: 'middle',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
});
