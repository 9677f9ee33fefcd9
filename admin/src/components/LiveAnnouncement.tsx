import { VisuallyHidden } from '@strapi/design-system';

/**
 * A polite live region, always in the page (a region that appears with its text is not read out):
 * screen readers say its text each time it changes, after what they are saying.
 */
export const LiveAnnouncement = ({ text, testId }: { text: string; testId?: string }) => (
  <VisuallyHidden>
    <p role="status" aria-live="polite" aria-atomic="true" data-testid={testId}>
      {text}
    </p>
  </VisuallyHidden>
);
