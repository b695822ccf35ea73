import { useHostTheme } from '../../theme/theme-context';
import { chartPalette } from './chart-palette';
import { useChartStyles } from './charts.styles';

export interface BeforeAfterChartProps {
  before: { mean: number; label: string };
  after: { mean: number; label: string };
  effect: { difference: number; lower: number; upper: number };
  /** The scale of the means (1..7 for pulse items). */
  min: number;
  max: number;
  formatValue(value: number): string;
  formatSigned(value: number): string;
}

/**
 * Left: the two window means on the item scale. Right: the effect (after − before) with its 95 % interval against
 * a zero line — the interval crossing zero is what "no detectable change" looks like.
 */
export function BeforeAfterChart({
  before,
  after,
  effect,
  min,
  max,
  formatValue,
  formatSigned,
}: BeforeAfterChartProps) {
  const styles = useChartStyles();
  const palette = chartPalette(useHostTheme());
  const W = 420;
  const H = 150;
  const top = 16;
  const bottom = H - 28;
  const y = (v: number): number => top + (1 - (v - min) / (max - min || 1)) * (bottom - top);
  const bars = [
    { x: 40, ...before, fill: palette.muted },
    { x: 110, ...after, fill: palette.bar },
  ];
  // Effect panel: symmetric around zero, wide enough for the interval.
  const reach = Math.max(0.5, Math.abs(effect.lower), Math.abs(effect.upper)) * 1.15;
  const ex = (v: number): number => 240 + ((v + reach) / (2 * reach)) * 160;
  const ey = 70;
  return (
    <svg
      className={styles.svg}
      style={{ maxWidth: '520px' }}
      viewBox={`0 0 ${W} ${H}`}
      aria-hidden="true"
      focusable="false"
    >
      <line x1={20} x2={180} y1={bottom} y2={bottom} style={{ stroke: palette.axis }} />
      {bars.map((b) => (
        <g key={b.label}>
          <rect
            x={b.x}
            y={y(b.mean)}
            width={40}
            height={bottom - y(b.mean)}
            style={{ fill: b.fill, stroke: palette.text }}
            strokeWidth={0.5}
          />
          <text x={b.x + 20} y={y(b.mean) - 4} textAnchor="middle" fontSize="11" style={{ fill: palette.text }}>
            {formatValue(b.mean)}
          </text>
          <text x={b.x + 20} y={H - 10} textAnchor="middle" fontSize="11" style={{ fill: palette.muted }}>
            {b.label}
          </text>
        </g>
      ))}
      <line x1={ex(0)} x2={ex(0)} y1={30} y2={110} style={{ stroke: palette.axis }} strokeDasharray="4 3" />
      <text x={ex(0)} y={124} textAnchor="middle" fontSize="11" style={{ fill: palette.muted }}>
        {formatSigned(0)}
      </text>
      <line
        x1={ex(effect.lower)}
        x2={ex(effect.upper)}
        y1={ey}
        y2={ey}
        style={{ stroke: palette.line }}
        strokeWidth={3}
      />
      <line
        x1={ex(effect.lower)}
        x2={ex(effect.lower)}
        y1={ey - 8}
        y2={ey + 8}
        style={{ stroke: palette.line }}
        strokeWidth={2}
      />
      <line
        x1={ex(effect.upper)}
        x2={ex(effect.upper)}
        y1={ey - 8}
        y2={ey + 8}
        style={{ stroke: palette.line }}
        strokeWidth={2}
      />
      <circle
        cx={ex(effect.difference)}
        cy={ey}
        r={5}
        style={{ fill: palette.point, stroke: palette.background }}
        strokeWidth={1.5}
      />
      <text x={ex(effect.difference)} y={ey - 14} textAnchor="middle" fontSize="11" style={{ fill: palette.text }}>
        {formatSigned(effect.difference)}
      </text>
      <text x={320} y={H - 10} textAnchor="middle" fontSize="11" style={{ fill: palette.muted }}>
        Change with 95 % interval
      </text>
    </svg>
  );
}
