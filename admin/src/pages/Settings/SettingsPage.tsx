import { Page } from '@strapi/strapi/admin';
import { useSettings } from '../../hooks/useSettings';
import { useT } from '../../hooks/useT';
import { SettingsForm } from './SettingsForm';

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
