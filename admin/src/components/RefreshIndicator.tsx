import { Box, Loader } from '@strapi/design-system';

/**
 * The small spinner of a list refreshing in the background. The design system's Loader is an
 * assertive live region ("Loading content."): shown at each poll of a running run, it would cut a
 * screen reader off every second. Hidden from assistive technology, it stays a visual cue.
 */
export const RefreshIndicator = ({ active }: { active: boolean }) =>
  active ? (
    <Box aria-hidden="true">
      <Loader small />
    </Box>
  ) : null;
