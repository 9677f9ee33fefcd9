import type { Core } from '@strapi/strapi';
import { PERMISSIONS } from '../../../shared/permissions';

/** Every admin route: a logged-in admin holding the given plugin permission. */
const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

const route = (method: 'GET' | 'POST' | 'PUT', path: string, handler: string, action: string) => ({
  method,
  path,
  handler,
  config: guarded(action),
});

export default {
  type: 'admin',
  routes: [
    route('GET', '/settings', 'admin-settings.get', PERMISSIONS.settings),
    route('PUT', '/settings', 'admin-settings.update', PERMISSIONS.settings),
    route('POST', '/settings/verify', 'admin-settings.verify', PERMISSIONS.settings),
    route('GET', '/credits', 'admin-settings.credits', PERMISSIONS.read),
    route('GET', '/status', 'admin-queue.status', PERMISSIONS.read),
    route('POST', '/queue/pause', 'admin-queue.pauseQueue', PERMISSIONS.bulk),
    route('POST', '/queue/resume', 'admin-queue.resumeQueue', PERMISSIONS.bulk),
    route('POST', '/runs/estimate', 'admin-queue.estimate', PERMISSIONS.bulk),
    route('POST', '/runs', 'admin-queue.createRun', PERMISSIONS.bulk),
    route('GET', '/runs', 'admin-queue.listRuns', PERMISSIONS.read),
    route('GET', '/runs/:id', 'admin-queue.getRun', PERMISSIONS.read),
    route('POST', '/runs/:id/pause', 'admin-queue.pauseRun', PERMISSIONS.bulk),
    route('POST', '/runs/:id/resume', 'admin-queue.resumeRun', PERMISSIONS.bulk),
    route('POST', '/runs/:id/cancel', 'admin-queue.cancelRun', PERMISSIONS.bulk),
    route('POST', '/runs/:id/retry-failed', 'admin-queue.retryRun', PERMISSIONS.bulk),
    route('GET', '/failures', 'admin-queue.failures', PERMISSIONS.read),
    route('POST', '/failures/retry', 'admin-queue.retryFailures', PERMISSIONS.generate),
    route('GET', '/media', 'admin-media.list', PERMISSIONS.read),
    route('POST', '/media/:id/regenerate', 'admin-media.regenerate', PERMISSIONS.generate),
    route('PUT', '/media/:id', 'admin-media.update', PERMISSIONS.generate),
  ],
} satisfies Core.RouterInput;
