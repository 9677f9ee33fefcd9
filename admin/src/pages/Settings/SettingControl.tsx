import { Grid, NumberInput, Textarea, TextInput, Toggle } from '@strapi/design-system';
import type { SettingsView } from '../../../../shared/contracts/settings';
import { OptionSelect, type Option } from '../../components/OptionSelect';
import { useSettingTexts } from '../../hooks/useSettingTexts';
import { useT } from '../../hooks/useT';
import type { FieldErrors } from '../../utils/errors';
import type { Draft } from './draft';
import { LanguageSelect } from './LanguageSelect';
import { SettingField } from './SettingField';

/** What the sections and their controls get from the form: the values typed so far, and what the server said about them. */
export interface SettingsFormState {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  locked: SettingsView['locked'];
  /** The same keys' reasons as codes, shown translated. */
  lockReasons: SettingsView['lockReasons'];
  errors: FieldErrors;
}

/** The settings whose form value is a `T`. */
type KeyOf<T> = { [K in keyof Draft]: Draft[K] extends T ? K : never }[keyof Draft];

/** The input a setting is edited with, by the type of its value. */
type Input =
  | { kind: 'text' | 'textarea'; name: KeyOf<string> }
  | { kind: 'select'; name: KeyOf<string>; options: Option<string>[] }
  | { kind: 'number'; name: KeyOf<number | null>; step?: number }
  | { kind: 'toggle'; name: KeyOf<boolean> }
  | { kind: 'language'; name: 'lang' };

type SettingControlProps = Input & {
  form: SettingsFormState;
  /** The whole row instead of half of it. */
  wide?: boolean;
};

const SettingInput = ({ form, input }: { form: SettingsFormState; input: Input }) => {
  const t = useT();
  const disabled = !!form.locked[input.name];
  switch (input.kind) {
    case 'text':
      return <TextInput value={form.draft[input.name]} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => form.set(input.name, event.target.value)} />;
    case 'textarea':
      return <Textarea value={form.draft[input.name]} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => form.set(input.name, event.target.value)} />;
    case 'select':
      return <OptionSelect value={form.draft[input.name]} options={input.options} disabled={disabled} onChange={(value) => form.set(input.name, value)} />;
    case 'number':
      return (
        <NumberInput
          value={form.draft[input.name] ?? undefined}
          step={input.step}
          disabled={disabled}
          onValueChange={(value: number | undefined) => form.set(input.name, value ?? null)}
        />
      );
    case 'language':
      return <LanguageSelect value={form.draft.lang} provider={form.draft.provider} disabled={disabled} onChange={(value) => form.set('lang', value)} />;
    case 'toggle':
      return (
        <Toggle
          checked={form.draft[input.name]}
          disabled={disabled}
          onLabel={t('settings.toggle.on', 'On')}
          offLabel={t('settings.toggle.off', 'Off')}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => form.set(input.name, event.target.checked)}
        />
      );
  }
};

/**
 * One setting of the form: its grid cell, label, hint, lock and field error, and the input wired to
 * the draft (disabled while the setting is locked).
 */
export const SettingControl = ({ form, wide, ...input }: SettingControlProps) => {
  const { label, hint } = useSettingTexts()[input.name];
  return (
    <Grid.Item {...(wide ? { col: 12 } : { col: 6, s: 12 })} direction="column" alignItems="stretch">
      <SettingField name={input.name} label={label} hint={hint} locked={form.lockReasons[input.name]} error={form.errors[input.name]}>
        <SettingInput form={form} input={input} />
      </SettingField>
    </Grid.Item>
  );
};
