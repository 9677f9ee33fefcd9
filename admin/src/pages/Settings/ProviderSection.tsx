import { Flex, Grid, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import type { ApiKeyStatus, EditableSettings, VerifyView } from '../../../../shared/contracts/settings';
import type { ProviderName } from '../../../../shared/vocabulary';
import { useT } from '../../hooks/useT';
import { ApiKeyField, VerifyButton } from './ApiKeyField';
import { BaseUrlWarning } from './BaseUrlWarning';
import type { KeyDraft } from './draft';
import { Section, type SectionProps } from './section';
import { SettingField } from './SettingField';
import { VerifyResult } from './VerifyResult';

const PROVIDERS: Array<{ value: ProviderName; label: string }> = [
  { value: 'alttextlab', label: 'AltTextLab' },
  { value: 'alttextai', label: 'AltTextAI (autoalt.app)' },
  { value: 'openai', label: 'OpenAI-compatible' },
];

interface ProviderSectionProps extends SectionProps {
  /** The values in force (as loaded or last saved), to tell what the form changes. */
  inForce: EditableSettings;
  keyStatus: ApiKeyStatus;
  keyDraft: KeyDraft;
  onKeyChange: (draft: KeyDraft) => void;
  onVerify: () => void;
  verifying: boolean;
  verifyResult?: VerifyView;
}

export const ProviderSection = (props: ProviderSectionProps) => {
  const { draft, set, locked, errors } = props;
  const t = useT();
  const typedBaseUrl = draft.baseUrl.trim();
  const baseUrlChanged = !locked.baseUrl && typedBaseUrl !== (props.inForce.baseUrl ?? '');
  const endpointChanged = baseUrlChanged || draft.provider !== props.inForce.provider;
  return (
    <Section title={t('settings.section.provider', 'Provider')}>
      <Grid.Root gap={5}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField name="provider" label={t('settings.provider.label', 'Provider')} locked={locked.provider} error={errors.provider}>
            <SingleSelect
              value={draft.provider}
              disabled={!!locked.provider}
              onChange={(value: string | number) => set('provider', value as ProviderName)}
            >
              {PROVIDERS.map((provider) => (
                <SingleSelectOption key={provider.value} value={provider.value}>
                  {provider.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="baseUrl"
            label={t('settings.baseUrl.label', 'Base URL')}
            hint={t('settings.baseUrl.hint', "Leave empty for the provider's public API.")}
            locked={locked.baseUrl}
            error={errors.baseUrl}
          >
            <TextInput value={draft.baseUrl} disabled={!!locked.baseUrl} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('baseUrl', event.target.value)} />
          </SettingField>
        </Grid.Item>
        {baseUrlChanged && typedBaseUrl !== '' ? (
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <BaseUrlWarning typed={typedBaseUrl} />
          </Grid.Item>
        ) : null}
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <ApiKeyField
            status={props.keyStatus}
            locked={locked.apiKey}
            error={errors.apiKey}
            draft={props.keyDraft}
            onChange={props.onKeyChange}
            endpointChanged={endpointChanged}
          />
        </Grid.Item>
        {draft.provider === 'openai' ? (
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <SettingField
              name="model"
              label={t('settings.model.label', 'Model')}
              hint={t('settings.model.hint', 'The vision model to ask, e.g. gpt-4o-mini.')}
              locked={locked.model}
              error={errors.model}
            >
              <TextInput value={draft.model} disabled={!!locked.model} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('model', event.target.value)} />
            </SettingField>
          </Grid.Item>
        ) : null}
      </Grid.Root>
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <VerifyButton onClick={props.onVerify} loading={props.verifying} />
        {props.verifyResult ? <VerifyResult result={props.verifyResult} /> : null}
      </Flex>
    </Section>
  );
};
