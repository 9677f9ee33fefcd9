import { Badge, type BadgeProps } from '@strapi/design-system';

export type BadgeTone = 'primary' | 'success' | 'danger' | 'warning' | 'neutral' | 'secondary';

/**
 * Strapi's Badge variants write `<tone>700` on `<tone>200`: for danger (3.9:1) and warning (3.6:1)
 * that is under the 4.5:1 a badge's small text needs (WCAG 1.4.3). These two keep their tone in
 * the background with text that reads; the others are the design system's own.
 */
const READABLE: Partial<Record<BadgeTone, Pick<BadgeProps, 'backgroundColor' | 'textColor'>>> = {
  danger: { backgroundColor: 'danger100', textColor: 'danger700' }, // 5.4:1
  warning: { backgroundColor: 'warning200', textColor: 'neutral800' }, // 10.1:1
};

/** A badge whose words say the status (the tone only repeats them) and whose text meets AA contrast. */
export const StatusBadge = ({ tone, ...props }: Omit<BadgeProps, 'variant'> & { tone: BadgeTone }) => {
  const readable = READABLE[tone];
  return readable ? <Badge {...props} {...readable} /> : <Badge {...props} variant={tone} />;
};
