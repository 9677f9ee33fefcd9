import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/**
 * A dashboard card fills its grid cell so a row of cards lines up; a settings section has the
 * wider padding and lighter shadow of Strapi's own settings pages.
 */
const LOOKS = {
  card: { shadow: 'tableShadow', padding: 6, height: '100%' },
  section: { shadow: 'filterShadow', paddingTop: 6, paddingBottom: 6, paddingLeft: 7, paddingRight: 7 },
} as const;

interface PanelProps {
  title: string;
  /** A button or badge at the right of the title. */
  action?: React.ReactNode;
  look?: keyof typeof LOOKS;
  testId?: string;
  /** Takes the focus when it appears (a run just started from a button that is now disabled). */
  focusTitle?: boolean;
  children: React.ReactNode;
}

/** A titled white panel: the cards of the dashboard and the sections of the settings page. */
export const Panel = ({ title, action, look = 'card', testId, focusTitle = false, children }: PanelProps) => {
  const titleRef = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);
  return (
    <Box background="neutral0" hasRadius {...LOOKS[look]} data-testid={testId}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="center" gap={2}>
          <Typography variant="delta" tag="h2" ref={titleRef} tabIndex={focusTitle ? -1 : undefined}>
            {title}
          </Typography>
          {action}
        </Flex>
        {children}
      </Flex>
    </Box>
  );
};
