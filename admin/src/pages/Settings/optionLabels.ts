import type { ImageDeliveryMode, ReviewMode, Style } from '../../../../shared/vocabulary';
import type { Message } from '../../hooks/useT';

/** How the settings page names the shared vocabulary; the lists themselves come from shared/vocabulary.ts. */

export { PROVIDER_LABELS } from '../../utils/providerLabels';

export const STYLE_LABELS: Record<Style, Message> = {
  descriptive: { id: 'settings.style.descriptive', defaultMessage: 'Descriptive' },
  neutral: { id: 'settings.style.neutral', defaultMessage: 'Neutral' },
  'matter-of-fact': { id: 'settings.style.matterOfFact', defaultMessage: 'Matter-of-fact' },
  minimal: { id: 'settings.style.minimal', defaultMessage: 'Minimal' },
};

export const DELIVERY_LABELS: Record<ImageDeliveryMode, Message> = {
  auto: { id: 'settings.imageDelivery.auto', defaultMessage: 'Automatic (per file)' },
  presigned: { id: 'settings.imageDelivery.presigned', defaultMessage: 'Presigned storage URL' },
  signed: { id: 'settings.imageDelivery.signed', defaultMessage: 'Signed URL served by Strapi' },
  public: { id: 'settings.imageDelivery.public', defaultMessage: 'Public URL' },
  inline: { id: 'settings.imageDelivery.inline', defaultMessage: 'Inline (image bytes in the request)' },
};

export const REVIEW_LABELS: Record<ReviewMode, Message> = {
  off: { id: 'settings.review.off', defaultMessage: 'Off: write generated text at once' },
  new: { id: 'settings.review.new', defaultMessage: 'New images: review text for images that had none' },
  all: { id: 'settings.review.all', defaultMessage: 'Everything: review every generated text' },
};
