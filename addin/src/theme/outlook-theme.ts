import type { HostTheme } from '@humandebt/web';

/**
 * Outlook has no "is dark" flag (`officeTheme.isDarkTheme` is not supported there); Microsoft's advice is to read
 * the body colours. A background darker than mid-grey (perceived brightness, ITU-R BT.601 weights) is a dark theme.
 * Returns undefined for anything that is not a #rgb / #rrggbb colour. The rest of the theme logic is shared with the
 * tab in @humandebt/web (theme/host-theme.ts); this is the Outlook-only part.
 */
export function themeFromBackgroundColor(color: string | undefined): HostTheme | undefined {
  const match = color?.trim().match(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (!match?.[1]) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const brightness = (r * 299 + g * 587 + b * 114) / 1000;
  return brightness < 128 ? 'dark' : 'default';
}
