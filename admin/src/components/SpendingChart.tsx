import { Box, VisuallyHidden } from '@strapi/design-system';
import type { SpendingDay } from '../../../shared/contracts/spending';

const SLOT = 10;
const BAR = 7;
const HEIGHT = 60;

interface SpendingChartProps {
  days: SpendingDay[];
  /** The chart in one sentence, for screen readers (the svg's label). */
  label: string;
  /** Credits per day allowed by the budget: drawn as a dashed line when set. */
  perDay: number | null;
  /** The hidden table's caption and column headers. */
  table: { caption: string; day: string; credits: string; calls: string; cacheHits: string };
  formatDay(day: string): string;
}

/**
 * Credits per day as plain SVG bars (one slot per day, zeros included, so gaps are days without
 * spending), with the daily budget as a dashed line. Screen readers get the label and the same
 * numbers as a table.
 */
export const SpendingChart = ({ days, label, perDay, table, formatDay }: SpendingChartProps) => {
  const top = Math.max(1, perDay ?? 0, ...days.map((day) => day.credits));
  const scale = (credits: number) => (credits / top) * (HEIGHT - 4);
  const width = days.length * SLOT;
  return (
    <Box color="primary600">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" height={HEIGHT * 1.5} preserveAspectRatio="none" data-testid="spending-chart">
        <line x1={0} x2={width} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="currentColor" strokeOpacity={0.25} strokeWidth={1} />
        {days.map((day, index) => (
          <rect key={day.day} x={index * SLOT + (SLOT - BAR) / 2} width={BAR} y={HEIGHT - scale(day.credits)} height={scale(day.credits)} fill="currentColor" rx={1} data-credits={day.credits} />
        ))}
        {perDay !== null ? (
          <line x1={0} x2={width} y1={HEIGHT - scale(perDay)} y2={HEIGHT - scale(perDay)} stroke="currentColor" strokeOpacity={0.6} strokeDasharray="4 3" strokeWidth={1} data-testid="spending-budget-line" />
        ) : null}
      </svg>
      <VisuallyHidden>
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.day}</th>
              <th scope="col">{table.credits}</th>
              <th scope="col">{table.calls}</th>
              <th scope="col">{table.cacheHits}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDay(day.day)}</th>
                <td>{day.credits}</td>
                <td>{day.calls}</td>
                <td>{day.cacheHits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Box>
  );
};
