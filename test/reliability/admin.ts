import type { PlaygroundApp } from '../harness/strapi-app';

/** A JSON client for one caller of the app's HTTP API (an admin JWT, an API token, or nobody). */
export interface ApiResponse {
  status: number;
  body: any;
  text: string;
}
export type Api = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export const apiFor =
  (app: Pick<PlaygroundApp, 'url'>, token?: string, onResponse?: (response: ApiResponse & { method: string; path: string }) => void): Api =>
  async (method, path, body) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = { status: response.status, body: parsed, text };
    onResponse?.({ ...result, method, path });
    return result;
  };

export const SUPER_ADMIN = { email: 'reliability-admin@example.com', password: 'Admin-password-1', firstname: 'Rel', lastname: 'Admin' };

/** Registers the first (super) admin of a fresh app and returns its JWT. */
export const registerSuperAdmin = async (app: PlaygroundApp): Promise<string> => {
  const registered = await apiFor(app)('POST', '/admin/register-admin', SUPER_ADMIN);
  if (registered.status !== 200 && registered.status !== 201) throw new Error(`register-admin failed: HTTP ${registered.status}`);
  return registered.body.data.token as string;
};

/** Creates an admin user with one of Strapi's built-in roles (`strapi-editor`, `strapi-author`) and logs it in. */
export const userWithRole = async (app: PlaygroundApp, roleCode: 'strapi-editor' | 'strapi-author', email: string): Promise<string> => {
  const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`role ${roleCode} not found`);
  const password = 'Role-password-1';
  await app.strapi.service('admin::user').create({ email, firstname: 'Role', lastname: roleCode, password, isActive: true, roles: [role.id] });
  const login = await apiFor(app)('POST', '/admin/login', { email, password });
  if (login.status !== 200) throw new Error(`login as ${email} failed: HTTP ${login.status}`);
  return login.body.data.token as string;
};

export type Permission = 'read' | 'settings' | 'generate' | 'bulk';

/** Every admin route of the plugin (README "Admin API"), with the permission it needs and a body that passes validation. */
export const ADMIN_ROUTES: Array<{ method: 'GET' | 'POST' | 'PUT'; path: string; permission: Permission; body?: unknown }> = [
  { method: 'GET', path: '/auto-alt-text/settings', permission: 'settings' },
  { method: 'PUT', path: '/auto-alt-text/settings', permission: 'settings', body: { lang: 'fr' } },
  { method: 'POST', path: '/auto-alt-text/settings/verify', permission: 'settings', body: {} },
  { method: 'GET', path: '/auto-alt-text/credits', permission: 'read' },
  { method: 'GET', path: '/auto-alt-text/status', permission: 'read' },
  { method: 'GET', path: '/auto-alt-text/locales', permission: 'read' },
  { method: 'GET', path: '/auto-alt-text/folders', permission: 'read' },
  { method: 'GET', path: '/auto-alt-text/spending', permission: 'read' },
  { method: 'POST', path: '/auto-alt-text/queue/pause', permission: 'bulk' },
  { method: 'POST', path: '/auto-alt-text/queue/resume', permission: 'bulk' },
  { method: 'POST', path: '/auto-alt-text/runs/estimate', permission: 'bulk', body: { scope: { kind: 'all' } } },
  { method: 'POST', path: '/auto-alt-text/runs', permission: 'bulk', body: { scope: { kind: 'all' } } },
  { method: 'GET', path: '/auto-alt-text/runs', permission: 'read' },
  { method: 'GET', path: '/auto-alt-text/runs/1', permission: 'read' },
  { method: 'POST', path: '/auto-alt-text/runs/1/pause', permission: 'bulk' },
  { method: 'POST', path: '/auto-alt-text/runs/1/resume', permission: 'bulk' },
  { method: 'POST', path: '/auto-alt-text/runs/1/cancel', permission: 'bulk' },
  { method: 'POST', path: '/auto-alt-text/runs/1/retry-failed', permission: 'bulk' },
  { method: 'GET', path: '/auto-alt-text/failures', permission: 'read' },
  { method: 'POST', path: '/auto-alt-text/failures/retry', permission: 'generate', body: {} },
  { method: 'GET', path: '/auto-alt-text/media', permission: 'read' },
  { method: 'PUT', path: '/auto-alt-text/media/1', permission: 'generate', body: { alternativeText: 'x' } },
  { method: 'POST', path: '/auto-alt-text/media/1/regenerate', permission: 'generate', body: {} },
  { method: 'GET', path: '/auto-alt-text/entries/images?model=api::article.article&documentId=abc', permission: 'read' },
  { method: 'POST', path: '/auto-alt-text/entries/images/generate', permission: 'generate', body: { model: 'api::article.article', documentId: 'abc' } },
  { method: 'GET', path: '/auto-alt-text/csv/export', permission: 'generate' },
  { method: 'POST', path: '/auto-alt-text/quality/recheck', permission: 'bulk' },
  { method: 'POST', path: '/auto-alt-text/csv/import', permission: 'generate', body: {} },
  { method: 'GET', path: '/auto-alt-text/media/1/history', permission: 'read' },
  { method: 'POST', path: '/auto-alt-text/media/1/revert', permission: 'generate', body: { versionId: 1 } },
  { method: 'GET', path: '/auto-alt-text/review', permission: 'read' },
  { method: 'POST', path: '/auto-alt-text/review/approve', permission: 'generate', body: { ids: [1] } },
  { method: 'POST', path: '/auto-alt-text/review/1/approve', permission: 'generate', body: {} },
  { method: 'POST', path: '/auto-alt-text/review/1/reject', permission: 'generate', body: {} },
  { method: 'POST', path: '/auto-alt-text/media/1/decorative', permission: 'generate', body: { decorative: true } },
];

/**
 * Creates a role holding exactly these actions (through the admin API, as the super admin), an
 * admin user with only that role, and logs it in. Returns its JWT.
 */
export const userWithActions = async (app: PlaygroundApp, superAdmin: Api, actions: string[], email: string): Promise<string> => {
  const created = await superAdmin('POST', '/admin/roles', { name: `Only ${actions.join(', ')} (${email})`, description: 'tests' });
  if (created.status !== 201 && created.status !== 200) throw new Error(`creating a role failed: HTTP ${created.status}`);
  const roleId = created.body.data.id as number;
  const permissions = actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
  const assigned = await superAdmin('PUT', `/admin/roles/${roleId}/permissions`, { permissions });
  if (assigned.status !== 200) throw new Error(`assigning permissions failed: HTTP ${assigned.status}`);
  const password = 'Role-password-1';
  await app.strapi.service('admin::user').create({ email, firstname: 'Only', lastname: 'Settings', password, isActive: true, roles: [roleId] });
  const login = await apiFor(app)('POST', '/admin/login', { email, password });
  if (login.status !== 200) throw new Error(`login as ${email} failed: HTTP ${login.status}`);
  return login.body.data.token as string;
};
