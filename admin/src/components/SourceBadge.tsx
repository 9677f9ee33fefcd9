import type { AltTextSource } from '../../../shared/contracts/media';
import { useT, type Message } from '../hooks/useT';
import { StatusBadge } from './StatusBadge';

const VARIANT = { generated: 'primary', human: 'success', imported: 'success', missing: 'danger', decorative: 'neutral' } as const;

const LABELS: Record<AltTextSource, Message> = {
  generated: { id: 'media.source.generated', defaultMessage: 'Generated' },
  human: { id: 'media.source.human', defaultMessage: 'Human' },
  imported: { id: 'media.source.imported', defaultMessage: 'Imported' },
  missing: { id: 'media.source.missing', defaultMessage: 'Missing' },
  decorative: { id: 'media.source.decorative', defaultMessage: 'Decorative' },
};

/** Who wrote the alt text: the plugin, a person, nobody yet, or nobody on purpose (decorative: alt=""). */
export const SourceBadge = ({ source }: { source: AltTextSource }) => {
  const t = useT();
  const label = LABELS[source];
  return <StatusBadge tone={VARIANT[source]}>{t(label.id, label.defaultMessage)}</StatusBadge>;
};
