import { Flex, Typography } from '@strapi/design-system';
import type { QualityFlag, QualityFlagCode } from '../../../shared/contracts/quality';
import { useT, type Message } from '../hooks/useT';
import { StatusBadge } from './StatusBadge';

const LABELS: Record<QualityFlagCode, Message> = {
  TOO_LONG: { id: 'quality.flag.TOO_LONG', defaultMessage: 'Too long' },
  REDUNDANT_PREFIX: { id: 'quality.flag.REDUNDANT_PREFIX', defaultMessage: 'Starts with “image of”' },
  FILE_NAME: { id: 'quality.flag.FILE_NAME', defaultMessage: 'Looks like a file name' },
  REPEATED_WORDS: { id: 'quality.flag.REPEATED_WORDS', defaultMessage: 'Repeated words' },
  DUPLICATE: { id: 'quality.flag.DUPLICATE', defaultMessage: 'Same text as another image' },
  WRONG_LANGUAGE: { id: 'quality.flag.WRONG_LANGUAGE', defaultMessage: 'Wrong language' },
  URL_OR_HTML: { id: 'quality.flag.URL_OR_HTML', defaultMessage: 'Contains a URL or HTML' },
};

/**
 * "Needs review" and why, under an image's text: each flag by its translated name, the evidence
 * (English, from the server: "142 characters (soft limit 125)") as its tooltip. Nothing when clean.
 */
export const QualityFlags = ({ flags }: { flags: QualityFlag[] | undefined }) => {
  const t = useT();
  if (!flags || flags.length === 0) return null;
  return (
    <Flex gap={2} paddingTop={1} wrap="wrap" data-testid="quality-flags">
      <StatusBadge tone="warning">{t('quality.needsReview', 'Needs review')}</StatusBadge>
      {flags.map((flag, index) => (
        <Typography key={flag.code} variant="pi" textColor="neutral600" title={flag.reason} data-testid={`quality-flag-${flag.code}`}>
          {index > 0 ? '· ' : ''}
          {t(LABELS[flag.code].id, LABELS[flag.code].defaultMessage)}
        </Typography>
      ))}
    </Flex>
  );
};
