import { makeStyles, tokens } from '@fluentui/react-components';

export const useErrorNoticeStyles = makeStyles({
  reference: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});
