import { makeStyles, tokens } from '@fluentui/react-components';

export const useShareWeekStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  heading: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase200,
  },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  number: {
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
  payload: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    maxHeight: '12rem',
    overflow: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
});
