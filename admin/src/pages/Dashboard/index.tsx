import { Page } from '@strapi/strapi/admin';
import { withPluginProviders } from '../../components/PluginProviders';
import { RBAC } from '../../permissions';
import { DashboardPage } from './DashboardPage';

const ProtectedDashboardPage = () => (
  <Page.Protect permissions={RBAC.read}>
    <DashboardPage />
  </Page.Protect>
);

export default withPluginProviders(ProtectedDashboardPage);
