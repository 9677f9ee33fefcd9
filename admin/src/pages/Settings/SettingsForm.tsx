import * as React from 'react';
import { Button, Flex, Grid } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, useNotification } from '@strapi/strapi/admin';
import type { SettingsView } from '../../../../shared/contracts/settings';
import { IMAGE_DELIVERIES, REVIEW_MODES, STYLES } from '../../../../shared/vocabulary';
import { translatedOptions } from '../../components/OptionSelect';
import { Panel } from '../../components/Panel';
import { useUpdateSettings, useVerifyKey } from '../../hooks/useSettings';
import { useT } from '../../hooks/useT';
import { errorMessageOf, fieldErrorsOf, type FieldErrors } from '../../utils/errors';
import { draftOf, requestOf, type Draft, type KeyDraft } from './draft';
import { DELIVERY_LABELS, REVIEW_LABELS, STYLE_LABELS } from './optionLabels';
import { FallbackSection } from './FallbackSection';
import { ProviderSection } from './ProviderSection';
import { LeaveDialog, useLeaveGuard } from './LeaveGuard';
import { SettingControl, type SettingsFormState } from './SettingControl';

const EMPTY_KEY: KeyDraft = { value: '', clear: false };

/** The settings as loaded, edited in a draft; Save sends what is not locked, Verify asks the provider with the unsaved values. */
export const SettingsForm = ({ settings }: { settings: SettingsView }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(settings));
  // What Save last stored (or the page loaded): the form is dirty while the draft differs from it.
  const [baseline, setBaseline] = React.useState<Draft>(() => draftOf(settings));
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
    const fields = fieldErrorsOf(error);
    setErrors(fields);
    // Field errors are shown, translated, under their fields; the toast says so in the admin's language, not the server's English.
    const message = Object.keys(fields).length > 0 ? fallback : (errorMessageOf(error) ?? fallback);
    toggleNotification({ type: 'danger', message });
  };

  const onSave = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate(requestOf(draft, keyDraft, settings.locked), {
      onSuccess: (saved) => {
        setDraft(draftOf(saved));
        setBaseline(draftOf(saved));
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

  const dirty = JSON.stringify(draft) !== JSON.stringify(baseline) || keyDraft.value.trim() !== '' || keyDraft.clear;
  useLeaveGuard(dirty);
  const form: SettingsFormState = { draft, set, locked: settings.locked, lockReasons: settings.lockReasons ?? {}, errors };
  return (
    <form onSubmit={onSave} noValidate>
      <Layouts.Header
        title={t('plugin.name', 'Auto Alt Text')}
        subtitle={t('settings.subtitle', 'Provider, key and how alt text is written')}
        primaryAction={
          <Button type="submit" startIcon={<Check />} loading={update.isLoading} disabled={!dirty}>
            {t('settings.save', 'Save')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <LeaveDialog dirty={dirty} />
          <ProviderSection
            form={form}
            inForce={settings.values}
            keyStatus={settings.apiKey}
            keyDraft={keyDraft}
            onKeyChange={onKeyChange}
            onVerify={onVerify}
            verifying={verify.isLoading}
            verifyResult={verify.data}
          />
          {settings.fallback ? <FallbackSection fallback={settings.fallback} /> : null}
          {/* What the alt text should look like: language, tone, hints, length. */}
          <Panel look="section" title={t('settings.section.generation', 'Alt text')}>
            <Grid.Root gap={5}>
              <SettingControl form={form} kind="language" name="lang" />
              <SettingControl form={form} kind="select" name="style" options={translatedOptions(STYLES, STYLE_LABELS, t)} />
              <SettingControl form={form} kind="text" name="keywords" />
              <SettingControl form={form} kind="number" name="maxLength" />
              <SettingControl form={form} kind="textarea" name="context" wide />
            </Grid.Root>
          </Panel>
          {/* When and how fast the plugin works, and how the provider reaches the image. */}
          <Panel look="section" title={t('settings.section.processing', 'Processing')}>
            <Grid.Root gap={5}>
              <SettingControl form={form} kind="toggle" name="autoOnUpload" />
              <SettingControl form={form} kind="select" name="review" options={translatedOptions(REVIEW_MODES, REVIEW_LABELS, t)} />
              <SettingControl form={form} kind="toggle" name="detectDecorative" />
              <SettingControl form={form} kind="select" name="imageDelivery" options={translatedOptions(IMAGE_DELIVERIES, DELIVERY_LABELS, t)} />
              <SettingControl form={form} kind="number" name="concurrency" />
              <SettingControl form={form} kind="number" name="requestsPerSecond" step={0.5} />
            </Grid.Root>
          </Panel>
          {/* Alt text that fits where the image is used: the entries that hold it. */}
          <Panel look="section" title={t('settings.section.entryContext', 'Entry context')} testId="settings-entry-context">
            <Grid.Root gap={5}>
              <SettingControl form={form} kind="toggle" name="entryContext.enabled" />
              <SettingControl form={form} kind="number" name="entryContext.waitSeconds" />
              <SettingControl form={form} kind="toggle" name="entryContext.upgrade" />
            </Grid.Root>
          </Panel>
        </Flex>
      </Layouts.Content>
    </form>
  );
};
