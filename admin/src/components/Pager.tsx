import { Button, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../hooks/useT';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  /** More match than `total` (the server stopped counting there): there is always a next page. */
  totalIsLowerBound?: boolean;
  onPage: (page: number) => void;
}

/** Previous / next with "Page 2 of 5" ("of 500+" past what the server counted); page links would add nothing. */
export const Pager = ({ page, pageSize, total, totalIsLowerBound = false, onPage }: PagerProps) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && !totalIsLowerBound) return null;
  const position = { page: formatNumber(page), pages: formatNumber(pages) };
  return (
    <Flex justifyContent="flex-end" alignItems="center" gap={3}>
      <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous', 'Previous')}
      </Button>
      <Typography variant="pi" textColor="neutral600">
        {totalIsLowerBound ? t('pager.positionAtLeast', 'Page {page} of {pages}+', position) : t('pager.position', 'Page {page} of {pages}', position)}
      </Typography>
      <Button variant="tertiary" size="S" disabled={page >= pages && !totalIsLowerBound} onClick={() => onPage(page + 1)}>
        {t('pager.next', 'Next')}
      </Button>
    </Flex>
  );
};
