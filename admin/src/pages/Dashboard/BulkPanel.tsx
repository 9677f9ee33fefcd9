import * as React from 'react';
import { Button, Checkbox, Flex, Grid, TextInput } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { WRITE_MODES, type WriteMode } from '../../../../shared/vocabulary';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FolderSelect } from '../../components/FolderSelect';
import { FormField } from '../../components/FormField';
import { LocaleSelect } from '../../components/LocaleSelect';
import { OptionSelect, translatedOptions, type Option } from '../../components/OptionSelect';
import { Panel } from '../../components/Panel';
import { useRunLocaleChoice } from '../../hooks/useLocales';
import { useKeepFocus } from '../../hooks/useKeepFocus';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { useCreateRun, useEstimateRun } from '../../hooks/useRuns';
import { useT, type Message } from '../../hooks/useT';
import { EstimateSummary } from '../../components/EstimateSummary';
import { scopeOf, type ScopeDraft, type ScopeKind } from './scope';

const MODE_LABELS: Record<WriteMode, Message> = {
  fill: { id: 'bulk.mode.fill', defaultMessage: 'Fill empty alt text' },
  overwrite: { id: 'bulk.mode.overwrite', defaultMessage: 'Overwrite' },
};

interface BulkPanelProps {
  selectedIds: number[];
  onStarted: (runId: number) => void;
}

/** Scope, mode, locale and language → Estimate → Start. Start waits for an estimate of the same choices. */
export const BulkPanel = ({ selectedIds, onStarted }: BulkPanelProps) => {
  const t = useT();
  const onError = useNotifyError();
  const { toggleNotification } = useNotification();
  const [scopeDraft, setScopeDraft] = React.useState<ScopeDraft>({ kind: 'missing', folderId: null });
  const [mode, setMode] = React.useState<WriteMode>('fill');
  const [lang, setLang] = React.useState('');
  // Off by default: images whose bytes were described the same way before are answered from the cache, at no credit.
  const [force, setForce] = React.useState(false);
  const forceBody = force ? { force: true } : {};
  const target = useRunLocaleChoice();
  // Sent only when the plugin writes several locales: with one, the requests stay as they were.
  const localeBody = target.plugin.multi ? { locale: target.locale } : {};
  const estimate = useEstimateRun();
  const create = useCreateRun();
  const estimateFocus = useKeepFocus(estimate.isLoading);
  const [confirmingOverwrite, setConfirmingOverwrite] = React.useState(false);
  // Cancelled, the overwrite question gives the focus back to Start (confirmed, the run's progress takes it).
  const startButton = useReturnFocus(confirmingOverwrite);
  const scope = scopeOf(scopeDraft, selectedIds);
  const choice = JSON.stringify({ scope, mode, ...localeBody, ...forceBody });
  const [estimatedChoice, setEstimatedChoice] = React.useState<string | null>(null);
  const scopeOptions: Option<ScopeKind>[] = [
    { value: 'missing', label: t('bulk.scope.missing', 'Missing alt text only') },
    { value: 'all', label: t('bulk.scope.all', 'All images') },
    { value: 'folder', label: t('bulk.scope.folder', 'One folder') },
    { value: 'ids', label: t('bulk.scope.ids', 'Selected below ({count})', { count: selectedIds.length }) },
    { value: 'flagged', label: t('bulk.scope.flagged', 'Needs review (flagged texts only)') },
  ];

  const onEstimate = () => {
    if (!scope) return;
    estimateFocus.remember();
    estimate.mutate({ scope, mode, ...localeBody, ...forceBody }, { onSuccess: () => setEstimatedChoice(choice), onError });
  };
  const onStart = () => {
    if (!scope) return;
    setConfirmingOverwrite(false);
    create.mutate(
      { scope, mode, lang: target.plugin.multi ? null : lang.trim() || null, ...localeBody, ...forceBody },
      {
        onSuccess: (run) => {
          setEstimatedChoice(null);
          toggleNotification({ type: 'success', message: t('bulk.started', 'Run #{id} started: its progress is below.', { id: run.id }) });
          onStarted(run.id);
        },
        onError,
      }
    );
  };
  const estimateIsCurrent = estimatedChoice === choice && !!estimate.data;
  // A run of nothing would only add a row to the history: Start waits for an estimate with images.
  const canStart = !!scope && estimateIsCurrent && (estimate.data?.images ?? 0) > 0;

  return (
    <Panel title={t('bulk.title', 'Bulk regenerate')} testId="bulk-panel">
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <FormField name="scope" label={t('bulk.scope.label', 'Images')}>
            <OptionSelect value={scopeDraft.kind} options={scopeOptions} onChange={(kind) => setScopeDraft({ ...scopeDraft, kind })} />
          </FormField>
        </Grid.Item>
        {scopeDraft.kind === 'folder' ? (
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <FormField name="folderId" label={t('bulk.folder.label', 'Folder')}>
              <FolderSelect value={scopeDraft.folderId} onChange={(folderId) => setScopeDraft({ ...scopeDraft, folderId })} />
            </FormField>
          </Grid.Item>
        ) : null}
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <FormField
            name="mode"
            label={t('bulk.mode.label', 'Mode')}
            hint={mode === 'overwrite' ? t('bulk.mode.overwriteHint', 'Replaces existing alt text, including human-written text.') : undefined}
          >
            <OptionSelect value={mode} options={translatedOptions(WRITE_MODES, MODE_LABELS, t)} onChange={setMode} />
          </FormField>
        </Grid.Item>
        {target.plugin.multi ? (
          <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
            <LocaleSelect name="locale" label={t('bulk.locale.label', 'Locales')} locales={target.plugin.locales} value={target.choice} onChange={target.setChoice} withAll />
          </Grid.Item>
        ) : (
          // With several locales each text is written in its locale's language: there is no language to override.
          <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
            <FormField name="lang" label={t('bulk.lang.label', 'Language')}>
              <TextInput value={lang} placeholder={t('bulk.lang.placeholder', 'Default')} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setLang(event.target.value)} />
            </FormField>
          </Grid.Item>
        )}
      </Grid.Root>
      <Checkbox name="force" checked={force} onCheckedChange={(checked: boolean | 'indeterminate') => setForce(checked === true)}>
        {t('bulk.force.label', 'Ask the provider again for every image (do not reuse texts of identical images)')}
      </Checkbox>
      <Flex gap={2}>
        <Button ref={estimateFocus.ref} variant="secondary" onClick={onEstimate} disabled={!scope} loading={estimate.isLoading}>
          {t('bulk.estimate.button', 'Estimate')}
        </Button>
        <Button ref={startButton} startIcon={<Play />} onClick={mode === 'overwrite' ? () => setConfirmingOverwrite(true) : onStart} disabled={!canStart} loading={create.isLoading}>
          {t('bulk.start', 'Start')}
        </Button>
      </Flex>
      {confirmingOverwrite && estimate.data ? (
        <ConfirmDialog
          title={t('bulk.overwrite.title', 'Overwrite the alt text of {images, plural, one {# image} other {# images}}?', { images: estimate.data.images })}
          body={t(
            'bulk.overwrite.body',
            '{people, plural, =0 {No text a person wrote is among them.} one {# text a person wrote is among them and will be replaced.} other {# texts people wrote are among them and will be replaced.}} Every earlier text stays in each image\'s History.',
            { people: estimate.data.peopleTexts }
          )}
          confirmLabel={t('bulk.overwrite.confirm', 'Overwrite')}
          onConfirm={onStart}
          onCancel={() => setConfirmingOverwrite(false)}
        />
      ) : null}
      {estimateIsCurrent && estimate.data ? <EstimateSummary estimate={estimate.data} locales={target.targeted} /> : null}
    </Panel>
  );
};
