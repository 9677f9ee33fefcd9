import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { SettingsView } from '../../../../shared/contracts/settings';
import { useSettings, useUpdateSettings, useVerifyKey } from '../../hooks/useSettings';
import { useT } from '../../hooks/useT';
import { errorMessageOf, fieldErrorsOf, type FieldErrors } from '../../utils/errors';
import { draftOf, requestOf, type Draft, type KeyDraft } from './draft';
import { GenerationSection } from './GenerationSection';
import { ProcessingSection } from './ProcessingSection';
import { ProviderSection } from './ProviderSection';

const EMPTY_KEY: KeyDraft = { value: '', clear: false };

const SettingsForm = ({ settings }: { settings: SettingsView }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(settings));
  const [keyDraft, setKeyDraft] = React.useState<KeyDraft>(EMPTY_KEY);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const update = useUpdateSettings();
  const verify = useVerifyKey();

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [key]: value }));
    // A key error may be about the endpoint (type the key again for a new one): it goes with it.
    const endpoint = key === 'provider' || key === 'baseUrl';
    setErrors((previous) => ({ ...previous, [key]: undefined, ...(endpoint ? { apiKey: undefined } : {}) }));
  };

  const onKeyChange = (next: KeyDraft) => {
    setKeyDraft(next);
    setErrors((previous) => ({ ...previous, apiKey: undefined }));
  };

  const failed = (fallback: string) => (error: unknown) => {
    setErrors(fieldErrorsOf(error));
    toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? fallback });
  };

  const onSave = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate(requestOf(draft, keyDraft, settings.locked), {
      onSuccess: (saved) => {
        setDraft(draftOf(saved));
        setKeyDraft(EMPTY_KEY);
        setErrors({});
        toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
      },
      onError: failed(t('settings.saveFailed', 'The settings could not be saved')),
    });
  };

  const onVerify = () => {
    const typed = keyDraft.value.trim();
    verify.mutate(
      {
        provider: draft.provider,
        baseUrl: draft.baseUrl.trim() || null,
        model: draft.model.trim() || null,
        ...(typed ? { apiKey: typed } : {}),
      },
      { onError: failed(t('settings.verifyFailed', 'The key could not be verified')) }
    );
  };

  const sectionProps = { draft, set, locked: settings.locked, errors };
  return (
    <form onSubmit={onSave} noValidate>
      <Layouts.Header
        title={t('plugin.name', 'Auto Alt Text')}
        subtitle={t('settings.subtitle', 'Provider, key and how alt text is written')}
        primaryAction={
          <Button type="submit" startIcon={<Check />} loading={update.isLoading}>
            {t('settings.save', 'Save')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <ProviderSection
            {...sectionProps}
            inForce={settings.values}
            keyStatus={settings.apiKey}
            keyDraft={keyDraft}
            onKeyChange={onKeyChange}
            onVerify={onVerify}
            verifying={verify.isLoading}
            verifyResult={verify.data}
          />
          <GenerationSection {...sectionProps} />
          <ProcessingSection {...sectionProps} />
        </Flex>
      </Layouts.Content>
    </form>
  );
};

export const SettingsPage = () => {
  const t = useT();
  const settings = useSettings();
  if (settings.isLoading) return <Page.Loading />;
  if (settings.isError || !settings.data) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>{t('settings.pageTitle', 'Auto Alt Text settings')}</Page.Title>
      <SettingsForm settings={settings.data} />
    </Page.Main>
  );
};
