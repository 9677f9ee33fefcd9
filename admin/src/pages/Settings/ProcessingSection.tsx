import { Grid, NumberInput, SingleSelect, SingleSelectOption, Toggle } from '@strapi/design-system';
import type { ImageDeliveryMode } from '../../../../shared/vocabulary';
import { useT } from '../../hooks/useT';
import { Section, type SectionProps } from './section';
import { SettingField } from './SettingField';

const DELIVERY: Array<{ value: ImageDeliveryMode; id: string; defaultMessage: string }> = [
  { value: 'auto', id: 'settings.imageDelivery.auto', defaultMessage: 'Automatic (per file)' },
  { value: 'presigned', id: 'settings.imageDelivery.presigned', defaultMessage: 'Presigned storage URL' },
  { value: 'signed', id: 'settings.imageDelivery.signed', defaultMessage: 'Signed URL served by Strapi' },
  { value: 'public', id: 'settings.imageDelivery.public', defaultMessage: 'Public URL' },
  { value: 'inline', id: 'settings.imageDelivery.inline', defaultMessage: 'Inline (image bytes in the request)' },
];

/** When and how fast the plugin works, and how the provider reaches the image. */
export const ProcessingSection = ({ draft, set, locked, errors }: SectionProps) => {
  const t = useT();
  return (
    <Section title={t('settings.section.processing', 'Processing')}>
      <Grid.Root gap={5}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="autoOnUpload"
            label={t('settings.autoOnUpload.label', 'Generate on upload')}
            hint={t('settings.autoOnUpload.hint', 'Write alt text for every new image as soon as it is uploaded.')}
            locked={locked.autoOnUpload}
            error={errors.autoOnUpload}
          >
            <Toggle
              checked={draft.autoOnUpload}
              disabled={!!locked.autoOnUpload}
              onLabel={t('settings.toggle.on', 'On')}
              offLabel={t('settings.toggle.off', 'Off')}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('autoOnUpload', event.target.checked)}
            />
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="imageDelivery"
            label={t('settings.imageDelivery.label', 'Image delivery')}
            hint={t('settings.imageDelivery.hint', 'How the provider gets the image. Automatic picks per file.')}
            locked={locked.imageDelivery}
            error={errors.imageDelivery}
          >
            <SingleSelect
              value={draft.imageDelivery}
              disabled={!!locked.imageDelivery}
              onChange={(value: string | number) => set('imageDelivery', value as ImageDeliveryMode)}
            >
              {DELIVERY.map((mode) => (
                <SingleSelectOption key={mode.value} value={mode.value}>
                  {t(mode.id, mode.defaultMessage)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="concurrency"
            label={t('settings.concurrency.label', 'Concurrency')}
            hint={t('settings.concurrency.hint', 'Provider calls in flight at once, per Strapi process (1–32).')}
            locked={locked.concurrency}
            error={errors.concurrency}
          >
            <NumberInput value={draft.concurrency ?? undefined} disabled={!!locked.concurrency} onValueChange={(value: number | undefined) => set('concurrency', value ?? null)} />
          </SettingField>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SettingField
            name="requestsPerSecond"
            label={t('settings.requestsPerSecond.label', 'Requests per second')}
            hint={t('settings.requestsPerSecond.hint', 'Provider calls started per second, per process; 0 means no limit.')}
            locked={locked.requestsPerSecond}
            error={errors.requestsPerSecond}
          >
            <NumberInput
              value={draft.requestsPerSecond ?? undefined}
              step={0.5}
              disabled={!!locked.requestsPerSecond}
              onValueChange={(value: number | undefined) => set('requestsPerSecond', value ?? null)}
            />
          </SettingField>
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};
