import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import type { SettingsView } from '../../../../shared/contracts/settings';
import type { FieldErrors } from '../../utils/errors';
import type { Draft } from './draft';

export interface SectionProps {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  locked: SettingsView['locked'];
  errors: FieldErrors;
}

/** A white card with a title, as in Strapi's own settings pages. */
export const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);
