import { makeStyles, tokens } from '@fluentui/react-components';

export const usePrivacyStatementStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: {
    margin: 0,
  },
  text: {
    color: tokens.colorNeutralForeground2,
  },
});
