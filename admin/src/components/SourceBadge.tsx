import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { AltTextSource } from '../../../shared/contracts/media';
import { getTranslation } from '../utils/getTranslation';

const VARIANT = { generated: 'primary', human: 'success', missing: 'danger' } as const;

/** Who wrote the alt text: the plugin, a person, or nobody yet. */
export const SourceBadge = ({ source }: { source: AltTextSource }) => {
  const { formatMessage } = useIntl();
  const label = {
    generated: formatMessage({ id: getTranslation('media.source.generated'), defaultMessage: 'Generated' }),
    human: formatMessage({ id: getTranslation('media.source.human'), defaultMessage: 'Human' }),
    missing: formatMessage({ id: getTranslation('media.source.missing'), defaultMessage: 'Missing' }),
  }[source];
  return <Badge variant={VARIANT[source]}>{label}</Badge>;
};
