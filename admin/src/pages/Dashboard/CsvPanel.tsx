import * as React from 'react';
import { Button, Flex, Grid, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { CSV_EXPORT_SCOPES, type CsvExportScope } from '../../../../shared/contracts/csv';
import { FolderSelect } from '../../components/FolderSelect';
import { FormField } from '../../components/FormField';
import { OptionSelect, translatedOptions, type Option } from '../../components/OptionSelect';
import { Panel } from '../../components/Panel';
import { csvErrorsOf, useCsvExport, useCsvImport, useCsvLocales, type CsvExportChoice } from '../../hooks/useCsv';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useT, type Message } from '../../hooks/useT';

const SCOPE_LABELS: Record<CsvExportScope, Message> = {
  all: { id: 'csv.scope.all', defaultMessage: 'All images' },
  missing: { id: 'csv.scope.missing', defaultMessage: 'Missing alt text only' },
  folder: { id: 'csv.scope.folder', defaultMessage: 'One folder' },
};

/** Alt text per locale out to a spreadsheet and back (docs/csv.md): export with a scope, import with a per-row report. */
export const CsvPanel = () => {
  const t = useT();
  const onError = useNotifyError();
  const locales = useCsvLocales();
  const exporter = useCsvExport();
  const importer = useCsvImport();
  const [choice, setChoice] = React.useState<CsvExportChoice>({ scope: 'all', folder: null, locale: '' });
  const [file, setFile] = React.useState<File | null>(null);
  const localeOptions: Option<string>[] = [
    { value: '', label: t('csv.locale.all', 'All locales') },
    ...(locales.data?.locales ?? []).map((locale) => ({ value: locale.code, label: locale.name })),
  ];
  const refused = importer.isError ? csvErrorsOf(importer.error) : null;

  const onImport = () => {
    if (file) importer.mutate(file, { onError: (error) => (csvErrorsOf(error) ? undefined : onError(error)) });
  };

  return (
    <Panel title={t('csv.title', 'Spreadsheet (CSV)')} testId="csv-panel">
      <Typography variant="pi" textColor="neutral600">
        {t('csv.help', 'Export alt text per locale, edit it in a spreadsheet, import it back. Imported texts are protected from fill runs. No credits are used.')}
      </Typography>
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <FormField name="csvScope" label={t('csv.scope.label', 'Images')}>
            <OptionSelect value={choice.scope} options={translatedOptions(CSV_EXPORT_SCOPES, SCOPE_LABELS, t)} onChange={(scope) => setChoice({ ...choice, scope })} />
          </FormField>
        </Grid.Item>
        {choice.scope === 'folder' ? (
          <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
            <FormField name="csvFolder" label={t('csv.folder.label', 'Folder')}>
              <FolderSelect value={choice.folder} onChange={(folder) => setChoice({ ...choice, folder })} />
            </FormField>
          </Grid.Item>
        ) : null}
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <FormField name="csvLocale" label={t('csv.locale.label', 'Locale')}>
            <OptionSelect value={choice.locale} options={localeOptions} onChange={(locale) => setChoice({ ...choice, locale })} />
          </FormField>
        </Grid.Item>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch" justifyContent="flex-end">
          <Button variant="secondary" startIcon={<Download />} loading={exporter.isLoading} onClick={() => exporter.mutate(choice, { onError })}>
            {t('csv.export', 'Download CSV')}
          </Button>
        </Grid.Item>
      </Grid.Root>
      <Flex gap={4} alignItems="center" wrap="wrap">
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t('csv.file.label', 'CSV file to import')}
          data-testid="csv-file"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            importer.reset();
          }}
        />
        <Button startIcon={<Upload />} disabled={!file} loading={importer.isLoading} onClick={onImport}>
          {t('csv.import', 'Import CSV')}
        </Button>
      </Flex>
      {importer.data ? (
        <Typography tag="p" textColor="success600" data-testid="csv-result">
          {t('csv.result', '{rows, plural, one {# row} other {# rows}}: {written} written, {unchanged} unchanged, {skipped} skipped (empty)', { ...importer.data })}
        </Typography>
      ) : null}
      {refused ? <CsvErrors errors={refused.errors} errorCount={refused.errorCount} /> : null}
    </Panel>
  );
};

const CsvErrors = ({ errors, errorCount }: NonNullable<ReturnType<typeof csvErrorsOf>>) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="csv-errors">
      <Typography textColor="danger600">
        {t('csv.errors.summary', '{count, plural, one {# problem found} other {# problems found}}: nothing was imported. Fix the rows below and import the file again.', { count: errorCount })}
      </Typography>
      <Table colCount={4} rowCount={errors.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('csv.errors.row', 'Row')}</Typography></Th>
            <Th><Typography variant="sigma">{t('csv.errors.column', 'Column')}</Typography></Th>
            <Th><Typography variant="sigma">{t('csv.errors.reason', 'Problem')}</Typography></Th>
            <Th><Typography variant="sigma">{t('csv.errors.detail', 'Detail')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {errors.map((error, index) => (
            <Tr key={`${error.row}-${error.reason}-${index}`}>
              <Td><Typography>{error.row}</Typography></Td>
              <Td><Typography>{error.column ?? '—'}</Typography></Td>
              <Td><Typography>{t(`csv.reason.${error.reason}`, error.reason)}</Typography></Td>
              <Td><Typography textColor="neutral600">{error.message}</Typography></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {errorCount > errors.length ? <Typography variant="pi">{t('csv.errors.more', 'and {count} more', { count: errorCount - errors.length })}</Typography> : null}
    </Flex>
  );
};
