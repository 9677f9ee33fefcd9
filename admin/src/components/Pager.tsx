import { Button, Flex, Typography } from '@strapi/design-system';
import { useT } from '../hooks/useT';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Previous / next with "Page 2 of 5"; lists here are short enough that page links add nothing. */
export const Pager = ({ page, pageSize, total, onPage }: PagerProps) => {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Flex justifyContent="flex-end" alignItems="center" gap={3}>
      <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous', 'Previous')}
      </Button>
      <Typography variant="pi" textColor="neutral600">
        {t('pager.position', 'Page {page} of {pages}', { page, pages })}
      </Typography>
      <Button variant="tertiary" size="S" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next', 'Next')}
      </Button>
    </Flex>
  );
};
