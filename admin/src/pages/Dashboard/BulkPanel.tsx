import * as React from 'react';
import { Button, Field, Flex, Grid, NumberInput, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import type { WriteMode } from '../../../../shared/vocabulary';
import { Card } from '../../components/Card';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useCreateRun, useEstimateRun } from '../../hooks/useRuns';
import { useT } from '../../hooks/useT';
import { EstimateSummary } from './EstimateSummary';
import { scopeOf, type ScopeDraft, type ScopeKind } from './scope';

interface BulkPanelProps {
  selectedIds: number[];
  onStarted: (runId: number) => void;
}

/** Scope, mode and language → Estimate → Start. Start waits for an estimate of the same choices. */
export const BulkPanel = ({ selectedIds, onStarted }: BulkPanelProps) => {
  const t = useT();
  const onError = useNotifyError();
  const [scopeDraft, setScopeDraft] = React.useState<ScopeDraft>({ kind: 'missing', folderId: null });
  const [mode, setMode] = React.useState<WriteMode>('fill');
  const [lang, setLang] = React.useState('');
  const estimate = useEstimateRun();
  const create = useCreateRun();
  const scope = scopeOf(scopeDraft, selectedIds);
  const choice = JSON.stringify({ scope, mode });
  const [estimatedChoice, setEstimatedChoice] = React.useState<string | null>(null);

  const onEstimate = () => {
    if (!scope) return;
    estimate.mutate({ scope, mode }, { onSuccess: () => setEstimatedChoice(choice), onError });
  };
  const onStart = () => {
    if (!scope) return;
    create.mutate(
      { scope, mode, lang: lang.trim() || null },
      {
        onSuccess: (run) => {
          setEstimatedChoice(null);
          onStarted(run.id);
        },
        onError,
      }
    );
  };
  const estimateIsCurrent = estimatedChoice === choice && !!estimate.data;

  return (
    <Card title={t('bulk.title', 'Bulk regenerate')} testId="bulk-panel">
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <Field.Root name="scope">
            <Field.Label>{t('bulk.scope.label', 'Images')}</Field.Label>
            <SingleSelect value={scopeDraft.kind} onChange={(value: string | number) => setScopeDraft({ ...scopeDraft, kind: value as ScopeKind })}>
              <SingleSelectOption value="missing">{t('bulk.scope.missing', 'Missing alt text only')}</SingleSelectOption>
              <SingleSelectOption value="all">{t('bulk.scope.all', 'All images')}</SingleSelectOption>
              <SingleSelectOption value="folder">{t('bulk.scope.folder', 'One folder')}</SingleSelectOption>
              <SingleSelectOption value="ids">{t('bulk.scope.ids', 'Selected below ({count})', { count: selectedIds.length })}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Grid.Item>
        {scopeDraft.kind === 'folder' ? (
          <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
            <Field.Root name="folderId">
              <Field.Label>{t('bulk.folderId.label', 'Folder id')}</Field.Label>
              <NumberInput
                value={scopeDraft.folderId ?? undefined}
                onValueChange={(value: number | undefined) => setScopeDraft({ ...scopeDraft, folderId: value ?? null })}
              />
            </Field.Root>
          </Grid.Item>
        ) : null}
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <Field.Root name="mode" hint={mode === 'overwrite' ? t('bulk.mode.overwriteHint', 'Replaces existing alt text, including human-written text.') : undefined}>
            <Field.Label>{t('bulk.mode.label', 'Mode')}</Field.Label>
            <SingleSelect value={mode} onChange={(value: string | number) => setMode(value as WriteMode)}>
              <SingleSelectOption value="fill">{t('bulk.mode.fill', 'Fill empty alt text')}</SingleSelectOption>
              <SingleSelectOption value="overwrite">{t('bulk.mode.overwrite', 'Overwrite')}</SingleSelectOption>
            </SingleSelect>
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
          <Field.Root name="lang">
            <Field.Label>{t('bulk.lang.label', 'Language')}</Field.Label>
            <TextInput
              value={lang}
              placeholder={t('bulk.lang.placeholder', 'Default')}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setLang(event.target.value)}
            />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
      <Flex gap={2}>
        <Button variant="secondary" onClick={onEstimate} disabled={!scope} loading={estimate.isLoading}>
          {t('bulk.estimate.button', 'Estimate')}
        </Button>
        <Button startIcon={<Play />} onClick={onStart} disabled={!scope || !estimateIsCurrent} loading={create.isLoading}>
          {t('bulk.start', 'Start')}
        </Button>
      </Flex>
      {estimateIsCurrent && estimate.data ? <EstimateSummary estimate={estimate.data} /> : null}
    </Card>
  );
};
