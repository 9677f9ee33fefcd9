import { Page } from '@strapi/strapi/admin';
import { withPluginProviders } from '../../components/PluginProviders';
import { RBAC } from '../../permissions';
import { SettingsPage } from './SettingsPage';

const ProtectedSettingsPage = () => (
  <Page.Protect permissions={RBAC.settings}>
    <SettingsPage />
  </Page.Protect>
);

export default withPluginProviders(ProtectedSettingsPage);
