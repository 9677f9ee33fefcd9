import { Grid, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput } from '@strapi/design-system';
import type { Style } from '../../../../shared/vocabulary';
import { useT } from '../../hooks/useT';
import { Section, type SectionProps } from './section';
import { SettingField } from './SettingField';

const STYLES: Array<{ value: Style; id: string; defaultMessage: string }> = [
  { value: 'descriptive', id: 'settings.style.descriptive', defaultMessage: 'Descriptive' },
  { value: 'neutral', id: 'settings.style.neutral', defaultMessage: 'Neutral' },
  { value: 'matter-of-fact', id: 'settings.style.matterOfFact', defaultMessage: 'Matter-of-fact' },
  { value: 'minimal', id: 'settings.style.minimal', defaultMessage: 'Minimal' },
];

/** What the alt text should look like: language, tone, hints, length. */
export const GenerationSection = ({ draft, set, locked, errors }: SectionProps) => {
  const t = useT();
  return (
    <Section title={t('settings.section.generation', 'Alt text')}>
      <Grid.Root gap={5}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField name="lang" label={t('settings.lang.label', 'Language')} hint={t('settings.lang.hint', 'A language code such as en, de or pt-br.')} locked={locked.lang} error={errors.lang}>
            <TextInput value={draft.lang} disabled={!!locked.lang} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('lang', event.target.value)} />
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField name="style" label={t('settings.style.label', 'Style')} locked={locked.style} error={errors.style}>
            <SingleSelect value={draft.style} disabled={!!locked.style} onChange={(value: string | number) => set('style', value as Style)}>
              {STYLES.map((style) => (
                <SingleSelectOption key={style.value} value={style.value}>
                  {t(style.id, style.defaultMessage)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="keywords"
            label={t('settings.keywords.label', 'Keywords')}
            hint={t('settings.keywords.hint', 'Comma-separated hints for the provider, e.g. hiking, tents.')}
            locked={locked.keywords}
            error={errors.keywords}
          >
            <TextInput value={draft.keywords} disabled={!!locked.keywords} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('keywords', event.target.value)} />
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="maxLength"
            label={t('settings.maxLength.label', 'Maximum length')}
            hint={t('settings.maxLength.hint', 'Longer answers are cut at a word boundary (20–2000 characters).')}
            locked={locked.maxLength}
            error={errors.maxLength}
          >
            <NumberInput value={draft.maxLength ?? undefined} disabled={!!locked.maxLength} onValueChange={(value: number | undefined) => set('maxLength', value ?? null)} />
          </SettingField>
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <SettingField
            name="context"
            label={t('settings.context.label', 'Context')}
            hint={t('settings.context.hint', 'What the site is about, e.g. "an outdoor-gear shop". Used by providers that take a prompt.')}
            locked={locked.context}
            error={errors.context}
          >
            <Textarea value={draft.context} disabled={!!locked.context} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('context', event.target.value)} />
          </SettingField>
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};
