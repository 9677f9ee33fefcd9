import { Page } from '@strapi/strapi/admin';
import { withPluginProviders } from '../../components/PluginProviders';
import { RBAC } from '../../permissions';
import { Route, Routes } from 'react-router-dom';
import { ReviewPage } from '../Review';
import { DashboardPage } from './DashboardPage';

const ProtectedDashboardPage = () => (
  <Page.Protect permissions={RBAC.read}>
    {/* The plugin's page is mounted at plugins/auto-alt-text/*: the review is its sub-page. */}
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="review" element={<ReviewPage />} />
    </Routes>
  </Page.Protect>
);

export default withPluginProviders(ProtectedDashboardPage);
