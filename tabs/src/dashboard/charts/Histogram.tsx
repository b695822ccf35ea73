import { useHostTheme } from '../../theme/theme-context';
import { chartPalette } from './chart-palette';
import { useChartStyles } from './charts.styles';

export interface HistogramProps {
  /** Counts per (keyed) score 1..7. */
  counts: readonly number[];
  formatValue(value: number): string;
}

/** Seven small bars (scores 1–7) with the count above each bar, so the bars are never colour- or length-only. */
export function Histogram({ counts, formatValue }: HistogramProps) {
  const styles = useChartStyles();
  const palette = chartPalette(useHostTheme());
  const max = Math.max(1, ...counts);
  const w = 210;
  const h = 72;
  const barW = 22;
  const gap = (w - barW * counts.length) / (counts.length + 1);
  return (
    <svg
      className={styles.svg}
      style={{ maxWidth: `${w * 1.6}px` }}
      viewBox={`0 0 ${w} ${h}`}
      aria-hidden="true"
      focusable="false"
    >
      {counts.map((c, i) => {
        const bh = (c / max) * (h - 30);
        const bx = gap + i * (barW + gap);
        return (
          <g key={i}>
            <rect
              x={bx}
              y={h - 16 - bh}
              width={barW}
              height={bh}
              style={{ fill: palette.bar, stroke: palette.text }}
              strokeWidth={0.5}
            />
            <text x={bx + barW / 2} y={h - 20 - bh} textAnchor="middle" fontSize="10" style={{ fill: palette.text }}>
              {formatValue(c)}
            </text>
            <text x={bx + barW / 2} y={h - 3} textAnchor="middle" fontSize="10" style={{ fill: palette.muted }}>
              {formatValue(i + 1)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
