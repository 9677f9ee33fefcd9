import { Status, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { FallbackStateView } from '../../../../shared/contracts/queue';
import type { FallbackReason } from '../../../../shared/vocabulary';
import { useT, type Message } from '../../hooks/useT';
import { PROVIDER_LABELS } from '../../utils/providerLabels';

const WHY: Record<FallbackReason, Message> = {
  OUT_OF_CREDITS: { id: 'queue.fallback.outOfCredits', defaultMessage: 'Fallback provider in use: {fallback} — {primary} is out of credits (since {since})' },
  INVALID_KEY: { id: 'queue.fallback.invalidKey', defaultMessage: 'Fallback provider in use: {fallback} — {primary} refused its API key (since {since})' },
  TRANSIENT: { id: 'queue.fallback.transient', defaultMessage: 'Fallback provider in use: {fallback} — {primary} keeps failing (server errors or timeouts) (since {since})' },
};

/** Shown while jobs go to the fallback provider instead of the primary: which, why, since when. */
export const FallbackNotice = ({ fallback }: { fallback: FallbackStateView }) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (!fallback.active || !fallback.reason) return null;
  const since = fallback.since ? formatDate(fallback.since, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const message = WHY[fallback.reason];
  return (
    <Status variant="secondary" size="S">
      <Typography fontWeight="bold" data-testid="fallback-in-use">
        {t(message.id, message.defaultMessage, { fallback: PROVIDER_LABELS[fallback.provider], primary: PROVIDER_LABELS[fallback.primary], since })}
      </Typography>
    </Status>
  );
};
