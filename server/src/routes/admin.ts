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
    route('GET', '/settings', 'settings.get', PERMISSIONS.settings),
    route('PUT', '/settings', 'settings.update', PERMISSIONS.settings),
    route('POST', '/settings/verify', 'settings.verify', PERMISSIONS.settings),
    route('GET', '/credits', 'settings.credits', PERMISSIONS.read),
    route('GET', '/status', 'queue.status', PERMISSIONS.read),
    route('GET', '/locales', 'queue.locales', PERMISSIONS.read),
    route('GET', '/folders', 'queue.folders', PERMISSIONS.read),
    route('POST', '/queue/pause', 'queue.pause', PERMISSIONS.bulk),
    route('POST', '/queue/resume', 'queue.resume', PERMISSIONS.bulk),
    route('POST', '/runs/estimate', 'runs.estimate', PERMISSIONS.bulk),
    route('POST', '/runs', 'runs.create', PERMISSIONS.bulk),
    route('GET', '/runs', 'runs.list', PERMISSIONS.read),
    route('GET', '/runs/:id', 'runs.get', PERMISSIONS.read),
    route('POST', '/runs/:id/pause', 'runs.pause', PERMISSIONS.bulk),
    route('POST', '/runs/:id/resume', 'runs.resume', PERMISSIONS.bulk),
    route('POST', '/runs/:id/cancel', 'runs.cancel', PERMISSIONS.bulk),
    route('POST', '/runs/:id/retry-failed', 'runs.retryFailed', PERMISSIONS.bulk),
    route('GET', '/failures', 'queue.failures', PERMISSIONS.read),
    route('POST', '/failures/retry', 'queue.retryFailures', PERMISSIONS.generate),
    route('GET', '/media', 'media.list', PERMISSIONS.read),
    route('POST', '/media/:id/regenerate', 'media.regenerate', PERMISSIONS.generate),
    route('PUT', '/media/:id', 'media.update', PERMISSIONS.generate),
    route('GET', '/entries/images', 'entries.images', PERMISSIONS.read),
    route('POST', '/entries/images/generate', 'entries.generate', PERMISSIONS.generate),
    route('GET', '/csv/export', 'csv.export', PERMISSIONS.generate),
    route('POST', '/csv/import', 'csv.import', PERMISSIONS.generate),
    route('GET', '/media/:id/history', 'history.list', PERMISSIONS.read),
    route('POST', '/media/:id/revert', 'history.revert', PERMISSIONS.generate),
    route('GET', '/review', 'review.list', PERMISSIONS.read),
    route('POST', '/review/approve', 'review.approveMany', PERMISSIONS.generate),
    route('POST', '/review/:id/approve', 'review.approve', PERMISSIONS.generate),
    route('POST', '/review/:id/reject', 'review.reject', PERMISSIONS.generate),
    route('POST', '/quality/recheck', 'quality.recheck', PERMISSIONS.bulk),
    route('POST', '/media/:id/decorative', 'decorative.set', PERMISSIONS.generate),
    route('GET', '/spending', 'spending.get', PERMISSIONS.read),
  ],
} satisfies Core.RouterInput;
