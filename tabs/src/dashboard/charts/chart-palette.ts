import { tokens } from '@fluentui/react-components';
import type { HostTheme } from '@humandebt/web';

/** Colours of the hand-drawn SVG charts. Used as inline `style` values, so Fluent's CSS variables resolve live. */
export interface ChartPalette {
  line: string;
  point: string;
  axis: string;
  grid: string;
  text: string;
  muted: string;
  bar: string;
  /** The second series (after, in before/after charts). */
  accent: string;
  background: string;
  /** Heatmap cell fills from low to high debt; in high contrast all cells use the system canvas. */
  scale: readonly string[];
  scaleText: string;
}

const FLUENT: ChartPalette = {
  line: tokens.colorBrandForeground1,
  point: tokens.colorBrandForeground1,
  axis: tokens.colorNeutralStroke1,
  grid: tokens.colorNeutralStroke3,
  text: tokens.colorNeutralForeground1,
  muted: tokens.colorNeutralForeground3,
  bar: tokens.colorBrandBackground,
  accent: tokens.colorPaletteMarigoldBorderActive,
  background: tokens.colorNeutralBackground1,
  scale: [
    tokens.colorPaletteGreenBackground2,
    tokens.colorPaletteYellowBackground2,
    tokens.colorPaletteMarigoldBackground2,
    tokens.colorPaletteDarkOrangeBackground2,
    tokens.colorPaletteRedBackground2,
  ],
  scaleText: tokens.colorNeutralForeground1,
};

/**
 * High contrast: the CSS system colours, so the chart follows the user's own contrast scheme (Windows forced colours
 * or the Teams contrast theme) instead of brand colours. Nothing is colour-only there: every cell and point also
 * carries its number or its text, and heat is also shown as a bar length.
 */
const SYSTEM: ChartPalette = {
  line: 'CanvasText',
  point: 'Highlight',
  axis: 'CanvasText',
  grid: 'GrayText',
  text: 'CanvasText',
  muted: 'GrayText',
  bar: 'Highlight',
  accent: 'LinkText',
  background: 'Canvas',
  scale: ['Canvas', 'Canvas', 'Canvas', 'Canvas', 'Canvas'],
  scaleText: 'CanvasText',
};

export function chartPalette(theme: HostTheme): ChartPalette {
  return theme === 'contrast' ? SYSTEM : FLUENT;
}

/** The fill step (0..4) of a 0–100 debt value. */
export function debtStep(debt: number): number {
  return Math.max(0, Math.min(4, Math.floor(debt / 20)));
}
