import { makeStyles, tokens } from '@fluentui/react-components';

export const useTeamsTableStyles = makeStyles({
  surface: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    overflowX: 'auto',
  },
  nameCell: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
  },
  privacyNote: {
    color: tokens.colorNeutralForeground2,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
  },
});
