import { Badge, Flex, Typography } from '@strapi/design-system';
import type { MediaItemView } from '../../../shared/contracts/media';
import { useT } from '../hooks/useT';
import { providerLabel } from '../utils/providerLabels';
import { SourceBadge } from './SourceBadge';
import { StatusBadge } from './StatusBadge';

/** Who wrote an image's alt text, whether work is queued for it, and which entry's context shaped it. */
export const AltTextSource = ({ item }: { item: MediaItemView }) => {
  const t = useT();
  const context = item.generatedBy?.context;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Flex gap={1} wrap="wrap">
        <SourceBadge source={item.source} />
        {item.queued ? <Badge variant="secondary">{t('media.queued', 'Queued')}</Badge> : null}
        {item.decorative?.status === 'suggested' ? <StatusBadge tone="warning">{t('media.decorative.suggested', 'Suggested decorative')}</StatusBadge> : null}
      </Flex>
      {item.decorative?.status === 'suggested' && item.decorative.reason ? (
        <Typography variant="pi" textColor="neutral600" data-testid="decorative-reason">
          {item.decorative.reason}
        </Typography>
      ) : null}
      {item.generatedBy?.fallback ? (
        <Typography variant="pi" textColor="neutral600" data-testid="generated-by-fallback">
          {t('media.source.fallback', 'by {provider}, the fallback provider', { provider: providerLabel(item.generatedBy.provider) })}
        </Typography>
      ) : null}
      {context ? (
        <Typography variant="pi" textColor="neutral600" data-testid="generated-context">
          {t('media.source.context', 'with context of {type}: {title}', { type: context.typeName, title: context.title ?? '—' })}
        </Typography>
      ) : null}
    </Flex>
  );
};
