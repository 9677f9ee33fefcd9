import * as React from 'react';
import { Flex, Grid, Table, Tbody, TextInput, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { FormField } from '../../components/FormField';
import { LocaleSelect } from '../../components/LocaleSelect';
import { OptionSelect, type Option } from '../../components/OptionSelect';
import { Pager } from '../../components/Pager';
import { RefreshIndicator } from '../../components/RefreshIndicator';
import { Panel } from '../../components/Panel';
import { useLocaleParam, useLocales } from '../../hooks/useLocales';
import { useMedia, type MediaFilter } from '../../hooks/useMedia';
import { useT } from '../../hooks/useT';
import { MediaRow } from './MediaRow';

const PAGE_SIZE = 10;

interface MediaListProps {
  selectable: boolean;
  selectedIds: number[];
  onSelectedChange: (ids: number[]) => void;
  canGenerate: boolean;
  /** False while the queue is paused: queued images will not change until it resumes. */
  poll: boolean;
}

/**
 * The library's images with their alt text: filter, edit inline, regenerate one, select some for a
 * run. When the plugin writes several locales, all of it follows the locale chosen (kept in the URL).
 */
export const MediaList = ({ selectable, selectedIds, onSelectedChange, canGenerate, poll }: MediaListProps) => {
  const t = useT();
  const [filter, setFilter] = React.useState<MediaFilter>('all');
  const [search, setSearch] = React.useState('');
  const [page, setPage] = React.useState(1);
  const { locales } = useLocales();
  const [locale, setLocale] = useLocaleParam();
  const debouncedSearch = useDebounce(search, 300);
  const media = useMedia(
    { page, pageSize: PAGE_SIZE, filter, ...(debouncedSearch ? { search: debouncedSearch } : {}), ...(locale ? { locale } : {}) },
    { poll }
  );
  const rows = media.data?.rows ?? [];
  const onSelect = (id: number, selected: boolean) =>
    onSelectedChange(selected ? [...selectedIds, id] : selectedIds.filter((other) => other !== id));
  const filterOptions: Option<MediaFilter>[] = [
    { value: 'all', label: t('media.filter.all', 'All images') },
    { value: 'missing', label: t('media.filter.missing', 'Missing alt text') },
    { value: 'generated', label: t('media.filter.generated', 'Generated') },
    { value: 'human', label: t('media.filter.human', 'Written by a person') },
    { value: 'flagged', label: t('media.filter.flagged', 'Needs review') },
    { value: 'decorative', label: t('media.filter.decorative', 'Decorative') },
  ];

  return (
    <Panel title={t('media.title', 'Images')} action={<RefreshIndicator active={media.isFetching} />} testId="media-list">
      <Grid.Root gap={4}>
        {locale ? (
          <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
            <LocaleSelect
              name="locale"
              label={t('media.locale.label', 'Locale')}
              locales={locales}
              value={locale}
              onChange={(code) => {
                setLocale(code);
                setPage(1);
              }}
            />
          </Grid.Item>
        ) : null}
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <FormField name="filter" label={t('media.filter.label', 'Show')}>
            <OptionSelect
              value={filter}
              options={filterOptions}
              onChange={(value) => {
                setFilter(value);
                setPage(1);
              }}
            />
          </FormField>
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <FormField name="search" label={t('media.search.label', 'Search')}>
            <TextInput
              value={search}
              placeholder={t('media.search.placeholder', 'File name or alt text')}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                setSearch(event.target.value);
                setPage(1);
              }}
            />
          </FormField>
        </Grid.Item>
      </Grid.Root>
      {rows.length === 0 && !media.isLoading ? (
        <Typography textColor="neutral600">{t('media.empty', 'No images match.')}</Typography>
      ) : (
        <Table colCount={selectable ? 6 : 5} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              {selectable ? (
                <Th><VisuallyHidden>{t('media.selectColumn', 'Select')}</VisuallyHidden></Th>
              ) : null}
              <Th><Typography variant="sigma">{t('media.preview', 'Preview')}</Typography></Th>
              <Th><Typography variant="sigma">{t('media.name', 'Name')}</Typography></Th>
              <Th><Typography variant="sigma">{t('media.altText', 'Alt text')}</Typography></Th>
              <Th><Typography variant="sigma">{t('media.source', 'Source')}</Typography></Th>
              <Th><VisuallyHidden>{t('media.actions', 'Actions')}</VisuallyHidden></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((item) => (
              <MediaRow
                key={item.id}
                item={item}
                selectable={selectable}
                selected={selectedIds.includes(item.id)}
                onSelect={onSelect}
                canGenerate={canGenerate}
                locale={locale}
                limits={media.data?.limits}
              />
            ))}
          </Tbody>
        </Table>
      )}
      <Flex justifyContent="flex-end">
        {media.data ? <Pager page={page} pageSize={PAGE_SIZE} total={media.data.total} totalIsLowerBound={media.data.totalIsLowerBound} onPage={setPage} /> : null}
      </Flex>
    </Panel>
  );
};
