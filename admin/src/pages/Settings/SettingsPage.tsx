import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { SettingsView } from '../../../../shared/contracts/settings';
import { useSettings, useUpdateSettings, useVerifyKey } from '../../hooks/useSettings';
import { errorMessageOf, fieldErrorsOf, type FieldErrors } from '../../utils/errors';
import { getTranslation } from '../../utils/getTranslation';
import { draftOf, requestOf, type Draft, type KeyDraft } from './draft';
import { GenerationSection } from './GenerationSection';
import { ProcessingSection } from './ProcessingSection';
import { ProviderSection } from './ProviderSection';

const EMPTY_KEY: KeyDraft = { value: '', clear: false };

const SettingsForm = ({ settings }: { settings: SettingsView }) => {
  const { formatMessage } = useIntl();
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

  const failed = (fallback: { id: string; defaultMessage: string }) => (error: unknown) => {
    setErrors(fieldErrorsOf(error));
    toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? formatMessage({ id: getTranslation(fallback.id), defaultMessage: fallback.defaultMessage }) });
  };

  const onSave = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate(requestOf(draft, keyDraft, settings.locked), {
      onSuccess: (saved) => {
        setDraft(draftOf(saved));
        setKeyDraft(EMPTY_KEY);
        setErrors({});
        toggleNotification({ type: 'success', message: formatMessage({ id: getTranslation('settings.saved'), defaultMessage: 'Settings saved' }) });
      },
      onError: failed({ id: 'settings.saveFailed', defaultMessage: 'The settings could not be saved' }),
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
      { onError: failed({ id: 'settings.verifyFailed', defaultMessage: 'The key could not be verified' }) }
    );
  };

  const title = formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Auto Alt Text' });
  const sectionProps = { draft, set, locked: settings.locked, errors };
  return (
    <form onSubmit={onSave} noValidate>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({ id: getTranslation('settings.subtitle'), defaultMessage: 'Provider, key and how alt text is written' })}
        primaryAction={
          <Button type="submit" startIcon={<Check />} loading={update.isLoading}>
            {formatMessage({ id: getTranslation('settings.save'), defaultMessage: 'Save' })}
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
  const { formatMessage } = useIntl();
  const settings = useSettings();
  const title = formatMessage({ id: getTranslation('settings.pageTitle'), defaultMessage: 'Auto Alt Text settings' });
  if (settings.isLoading) return <Page.Loading />;
  if (settings.isError || !settings.data) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <SettingsForm settings={settings.data} />
    </Page.Main>
  );
};
