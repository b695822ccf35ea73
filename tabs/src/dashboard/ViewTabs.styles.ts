import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

// Looks like Fluent's TabList (transparent tabs, brand underline on the selected one) at a fraction of the bytes.
export const useViewTabsStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'nowrap',
    columnGap: tokens.spacingHorizontalXXS,
    overflowX: 'auto',
  },
  tab: {
    position: 'relative',
    flexShrink: 0,
    ...shorthands.borderWidth(0),
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalMNudge}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `-${tokens.strokeWidthThick}`,
    },
    '@media (forced-colors: active)': { color: 'ButtonText', ':hover': { color: 'Highlight' } },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
    // Not colour-only: the selected tab is also bold and underlined, and in forced colours the bar uses Highlight.
    '@media (forced-colors: active)': { color: 'Highlight', '::after': { backgroundColor: 'Highlight' } },
  },
});
