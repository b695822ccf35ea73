import { makeStyles, tokens } from '@fluentui/react-components';

export const useTeamsPageStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  heading: {
    margin: 0,
  },
  status: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  spinner: {
    justifyContent: 'flex-start',
    paddingBlock: tokens.spacingVerticalL,
  },
});
