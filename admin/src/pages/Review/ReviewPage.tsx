import * as React from 'react';
import { Box, Button, Flex, Grid, Link as DesignLink, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { LocaleSelect } from '../../components/LocaleSelect';
import { Pager } from '../../components/Pager';
import { RefreshIndicator } from '../../components/RefreshIndicator';
import { Panel } from '../../components/Panel';
import { Thumbnail } from '../../components/Thumbnail';
import { useLocaleParam, useLocales } from '../../hooks/useLocales';
import { useNotifyError } from '../../hooks/useNotifyError';
import { usePluginPermissions } from '../../hooks/usePluginPermissions';
import { useApproveSuggestion, useApproveSuggestions, useRejectSuggestion, useReview } from '../../hooks/useReview';
import { useT } from '../../hooks/useT';
import { SuggestionCard } from './SuggestionCard';
import { useReviewKeys } from './useReviewKeys';

const PAGE_SIZE = 10;

/** Review before publish: one suggestion at a time, large, decided with the keyboard; the page's others listed below. */
export const ReviewPage = () => {
  const t = useT();
  const permissions = usePluginPermissions();
  const { locales } = useLocales();
  const [locale, setLocale] = useLocaleParam();
  const [page, setPage] = React.useState(1);
  const [index, setIndex] = React.useState(0);
  const [editing, setEditing] = React.useState(false);
  // Set by the first decision: from then on the suggestion that takes the place of the decided one takes the focus (its buttons were disabled while deciding).
  const [moveFocus, setMoveFocus] = React.useState(false);
  const emptyRef = React.useRef<HTMLParagraphElement>(null);
  const review = useReview({ page, pageSize: PAGE_SIZE, ...(locale ? { locale } : {}) });
  const approve = useApproveSuggestion();
  const reject = useRejectSuggestion();
  const approveAll = useApproveSuggestions();
  const notifyError = useNotifyError();
  const rows = review.data?.rows ?? [];
  const current = rows[Math.min(index, rows.length - 1)];
  const busy = approve.isLoading || reject.isLoading || approveAll.isLoading;
  const canDecide = permissions.canGenerate;

  // A decided suggestion leaves the list: the one after it takes its place at the same index.
  const decided = () => {
    setEditing(false);
    setMoveFocus(true);
  };
  const onApprove = (text?: string) => current && approve.mutate({ id: current.id, ...(text !== undefined ? { text } : {}) }, { onSuccess: decided, onError: notifyError });
  const onReject = (regenerate: boolean) => current && reject.mutate({ id: current.id, regenerate }, { onSuccess: decided, onError: notifyError });
  const move = (step: number) => {
    setEditing(false);
    setMoveFocus(true);
    setIndex((at) => Math.max(0, Math.min(rows.length - 1, at + step)));
  };
  React.useEffect(() => {
    if (moveFocus && !current) emptyRef.current?.focus();
  }, [moveFocus, current]);
  useReviewKeys(!!current && !editing && !busy, {
    approve: () => canDecide && onApprove(),
    edit: () => canDecide && setEditing(true),
    reject: () => canDecide && onReject(false),
    regenerate: () => canDecide && onReject(true),
    next: () => move(1),
    previous: () => move(-1),
  });

  if (review.isLoading || permissions.isLoading) return <Page.Loading />;
  if (review.isError || !review.data) return <Page.Error />;
  const total = review.data.total;

  return (
    <Page.Main>
      <Page.Title>{t('review.title', 'Review suggestions')}</Page.Title>
      <Layouts.Header
        title={t('review.title', 'Review suggestions')}
        subtitle={t('review.subtitle', '{count, plural, one {# suggestion awaits review} other {# suggestions await review}}. An image keeps its alt text until a suggestion is approved.', { count: total })}
        navigationAction={
          <DesignLink tag={Link} to=".." relative="path" startIcon={<ArrowLeft />}>
            {t('review.back', 'Dashboard')}
          </DesignLink>
        }
        primaryAction={
          canDecide && rows.length > 0 ? (
            <Button variant="secondary" loading={approveAll.isLoading} onClick={() => approveAll.mutate({ ids: rows.map((row) => row.id) }, { onSuccess: () => setIndex(0), onError: notifyError })}>
              {t('review.approveAll', 'Approve all on this page ({count})', { count: rows.length })}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {locale ? (
            <Grid.Root gap={4}>
              <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                <LocaleSelect name="review-locale" label={t('media.locale.label', 'Locale')} locales={locales} value={locale} onChange={(code) => { setLocale(code); setPage(1); setIndex(0); }} />
              </Grid.Item>
            </Grid.Root>
          ) : null}
          <Panel title={t('review.current.title', 'Suggestion')} action={<RefreshIndicator active={review.isFetching} />} testId="review-panel">
            {current ? (
              <SuggestionCard
                key={current.id}
                suggestion={current}
                position={{ index: rows.indexOf(current), count: rows.length }}
                editing={editing}
                busy={busy}
                canDecide={canDecide}
                onApprove={onApprove}
                onEdit={() => setEditing(true)}
                onCancelEdit={() => setEditing(false)}
                onReject={onReject}
                takeFocus={moveFocus}
              />
            ) : (
              <Typography ref={emptyRef} tabIndex={-1} tag="p" textColor="neutral600" data-testid="review-empty">{t('review.empty', 'Nothing awaits review in this locale.')}</Typography>
            )}
          </Panel>
          {rows.length > 0 ? (
            <Panel title={t('review.page.title', 'On this page')}>
              <Flex direction="column" alignItems="stretch" gap={2} tag="ol" data-testid="review-list">
                {rows.map((row, at) => (
                  <Box key={row.id} tag="li" aria-current={row === current ? 'true' : undefined} padding={2} hasRadius background={row === current ? 'primary100' : undefined} onClick={() => { setEditing(false); setIndex(at); }} style={{ cursor: 'pointer', listStyle: 'none' }}>
                    <Flex gap={3}>
                      {/* The row shows the suggestion; the picture carries the text the image has now. */}
                      <Thumbnail url={row.image?.thumbnailUrl ?? null} alt={row.image?.alternativeText ?? ''} />
                      <Typography ellipsis>{row.text}</Typography>
                    </Flex>
                  </Box>
                ))}
              </Flex>
              <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={(next) => { setPage(next); setIndex(0); }} />
            </Panel>
          ) : null}
          <Panel title={t('review.keys.title', 'Keyboard shortcuts')} testId="review-shortcuts">
            <Typography tag="p" variant="omega">
              {t('review.keys', 'A approve · E edit (Enter approves the edit, Esc cancels) · R reject · G reject and regenerate (1 credit) · J or ↓ next · K or ↑ previous')}
            </Typography>
          </Panel>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
