import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useReview } from '../../hooks/useReview';
import { useT } from '../../hooks/useT';

/** The dashboard's line "N suggestions awaiting review", linking to the review; nothing when none wait. */
export const ReviewNotice = () => {
  const t = useT();
  const review = useReview({ page: 1, pageSize: 1 });
  const waiting = Object.values(review.data?.counts ?? {}).reduce((sum, count) => sum + count, 0);
  if (waiting === 0) return null;
  return (
    <Flex gap={3} background="warning100" padding={4} hasRadius justifyContent="space-between" data-testid="review-notice">
      <Typography>{t('review.notice', '{count, plural, one {# suggestion awaits review} other {# suggestions await review}}', { count: waiting })}</Typography>
      <LinkButton tag={Link} to="review" variant="secondary">{t('review.open', 'Review')}</LinkButton>
    </Flex>
  );
};
