import { useHostTheme } from '../../theme/theme-context';
import { chartPalette } from './chart-palette';
import { useChartStyles } from './charts.styles';

export interface LinePoint {
  key: string;
  /** Short x label (a week's date in the user's locale). */
  label: string;
  /** Null when there is nothing to draw that week (suppressed or not measured): the line breaks, no fake zero. */
  value: number | null;
}

export interface LineChartProps {
  points: readonly LinePoint[];
  min: number;
  max: number;
  formatValue(value: number): string;
  /** 'sparkline' draws just the line, small, for the overview. */
  variant?: 'full' | 'sparkline';
  /** Horizontal reference lines (e.g. the scale midpoint). */
  references?: ReadonlyArray<{ value: number; label: string }>;
}

const W = 560;
const H = 180;
const PAD = { top: 12, right: 16, bottom: 28, left: 40 };

/** A hand-drawn SVG line chart. Its data table lives in the surrounding ChartFigure, so the SVG itself is hidden from assistive tech. */
export function LineChart({ points, min, max, formatValue, variant = 'full', references = [] }: LineChartProps) {
  const styles = useChartStyles();
  const theme = useHostTheme();
  const palette = chartPalette(theme);
  const spark = variant === 'sparkline';
  const w = spark ? 160 : W;
  const h = spark ? 40 : H;
  const pad = spark ? { top: 4, right: 4, bottom: 4, left: 4 } : PAD;
  const span = max - min || 1;
  const x = (i: number): number =>
    pad.left +
    (points.length <= 1 ? (w - pad.left - pad.right) / 2 : (i * (w - pad.left - pad.right)) / (points.length - 1));
  const y = (v: number): number =>
    pad.top + (1 - (Math.min(max, Math.max(min, v)) - min) / span) * (h - pad.top - pad.bottom);

  // Consecutive non-null runs become separate paths, so a suppressed week is a visible gap, never a drop to zero.
  const runs: Array<Array<{ i: number; v: number }>> = [];
  let run: Array<{ i: number; v: number }> = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ i, v: p.value });
  });
  if (run.length) runs.push(run);

  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  return (
    <svg
      className={spark ? styles.sparkline : styles.svg}
      viewBox={`0 0 ${w} ${h}`}
      aria-hidden="true"
      focusable="false"
      data-palette={theme === 'contrast' ? 'system' : 'fluent'}
    >
      {!spark && (
        <g>
          {[min, (min + max) / 2, max].map((v) => (
            <g key={v}>
              <line
                x1={pad.left}
                x2={w - pad.right}
                y1={y(v)}
                y2={y(v)}
                style={{ stroke: palette.grid }}
                strokeDasharray="2 4"
              />
              <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" style={{ fill: palette.muted }}>
                {formatValue(v)}
              </text>
            </g>
          ))}
          {references.map((r) => (
            <g key={r.label}>
              <line
                x1={pad.left}
                x2={w - pad.right}
                y1={y(r.value)}
                y2={y(r.value)}
                style={{ stroke: palette.axis }}
                strokeDasharray="6 3"
              />
              <text x={w - pad.right} y={y(r.value) - 4} textAnchor="end" fontSize="11" style={{ fill: palette.muted }}>
                {r.label}
              </text>
            </g>
          ))}
          <line
            x1={pad.left}
            x2={w - pad.right}
            y1={h - pad.bottom}
            y2={h - pad.bottom}
            style={{ stroke: palette.axis }}
          />
          {points.map((p, i) =>
            i % labelEvery === 0 || i === points.length - 1 ? (
              <text key={p.key} x={x(i)} y={h - 8} textAnchor="middle" fontSize="11" style={{ fill: palette.muted }}>
                {p.label}
              </text>
            ) : null,
          )}
        </g>
      )}
      {runs.map((r) => (
        <polyline
          key={r[0]!.i}
          points={r.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')}
          fill="none"
          style={{ stroke: palette.line }}
          strokeWidth={spark ? 2 : 2.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ))}
      {points.map((p, i) =>
        p.value === null ? (
          spark ? null : (
            // A hollow marker on the axis says "a week without a shown value" without drawing a number.
            <circle
              key={p.key}
              cx={x(i)}
              cy={h - pad.bottom}
              r={3}
              style={{ fill: palette.background, stroke: palette.muted }}
              strokeWidth={1.5}
            />
          )
        ) : (
          <circle
            key={p.key}
            cx={x(i)}
            cy={y(p.value)}
            r={spark ? 2 : 4}
            style={{ fill: palette.point, stroke: palette.background }}
            strokeWidth={1.5}
          >
            <title>{`${p.label}: ${formatValue(p.value)}`}</title>
          </circle>
        ),
      )}
    </svg>
  );
}
