import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

interface CardProps {
  title: string;
  action?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}

/** A titled white panel, the building block of the dashboard. */
export const Card = ({ title, action, children, testId }: CardProps) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} height="100%" data-testid={testId}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" alignItems="center" gap={2}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {action}
      </Flex>
      {children}
    </Flex>
  </Box>
);
