import { Box } from '@strapi/design-system';

interface MeterProps {
  /** 0–100 */
  value: number;
  label: string;
  color?: 'primary600' | 'success500';
}

/**
 * A full-width bar. The design system's ProgressBar is a fixed-width light-on-dark bar made for
 * upload overlays; on a white card it reads backwards.
 */
export const Meter = ({ value, label, color = 'primary600' }: MeterProps) => {
  const percent = Math.min(100, Math.max(0, value));
  return (
    <Box
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      background="neutral150"
      hasRadius
      height="0.8rem"
      width="100%"
      overflow="hidden"
    >
      <Box background={color} height="100%" style={{ width: `${percent}%`, transition: 'width 400ms ease-out' }} />
    </Box>
  );
};
