import { Flex, Grid } from '@strapi/design-system';
import type { ApiKeyStatus, EditableSettings, VerifyView } from '../../../../shared/contracts/settings';
import { PROVIDER_NAMES } from '../../../../shared/vocabulary';
import { Panel } from '../../components/Panel';
import { useT } from '../../hooks/useT';
import { ApiKeyField, VerifyButton } from './ApiKeyField';
import { BaseUrlWarning } from './BaseUrlWarning';
import type { KeyDraft } from './draft';
import { PROVIDER_LABELS } from './optionLabels';
import { SettingControl, type SettingsFormState } from './SettingControl';
import { VerifyResult } from './VerifyResult';

const PROVIDER_OPTIONS = PROVIDER_NAMES.map((value) => ({ value, label: PROVIDER_LABELS[value] }));

interface ProviderSectionProps {
  form: SettingsFormState;
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
  const { form, inForce } = props;
  const { draft, locked, errors } = form;
  const t = useT();
  const typedBaseUrl = draft.baseUrl.trim();
  const baseUrlChanged = !locked.baseUrl && typedBaseUrl !== (inForce.baseUrl ?? '');
  const endpointChanged = baseUrlChanged || draft.provider !== inForce.provider;
  return (
    <Panel look="section" title={t('settings.section.provider', 'Provider')}>
      <Grid.Root gap={5}>
        <SettingControl form={form} kind="select" name="provider" options={PROVIDER_OPTIONS} />
        <SettingControl form={form} kind="text" name="baseUrl" />
        {baseUrlChanged && typedBaseUrl !== '' ? (
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <BaseUrlWarning typed={typedBaseUrl} />
          </Grid.Item>
        ) : null}
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <ApiKeyField
            status={props.keyStatus}
            locked={form.lockReasons.apiKey}
            error={errors.apiKey}
            draft={props.keyDraft}
            onChange={props.onKeyChange}
            endpointChanged={endpointChanged}
          />
        </Grid.Item>
        {draft.provider === 'openai' ? <SettingControl form={form} kind="text" name="model" /> : null}
      </Grid.Root>
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <VerifyButton onClick={props.onVerify} loading={props.verifying} />
        {props.verifyResult ? <VerifyResult result={props.verifyResult} /> : null}
      </Flex>
    </Panel>
  );
};
