/** The admin REST API as the super admin (or any admin JWT): uploads, roles and users. */
import type { AdminCredentials } from './playground';

export interface AdminApi {
  url: string;
  jwt: string;
}

export async function adminFetch(api: AdminApi, path: string, init: RequestInit = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${api.jwt}`, ...(init.headers as Record<string, string>) };
  if (init.body && typeof init.body === 'string') headers['Content-Type'] = 'application/json';
  return fetch(`${api.url}${path}`, { ...init, headers });
}

export async function adminJson<T>(api: AdminApi, path: string, init: RequestInit = {}): Promise<T> {
  const response = await adminFetch(api, path, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Uploads images through the Media Library's admin route, as the upload dialog does. */
export async function uploadImages(api: AdminApi, files: Array<{ name: string; bytes: Buffer }>): Promise<number[]> {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: 'image/png' }), file.name);
  const response = await adminFetch(api, '/upload', { method: 'POST', body: form });
  if (response.status !== 201 && response.status !== 200) throw new Error(`upload answered HTTP ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as Array<{ id: number }> | { data: Array<{ id: number }> };
  return (Array.isArray(body) ? body : body.data).map((file) => file.id);
}

/** Creates an admin with one of the built-in roles (by code, e.g. `strapi-editor`) and returns its JWT. */
export async function createAdminUser(api: AdminApi, user: AdminCredentials, roleCode: string): Promise<string> {
  const created = await adminJson<{ data: { registrationToken: string } }>(api, '/admin/users', {
    method: 'POST',
    body: JSON.stringify({ firstname: user.firstname, lastname: user.lastname, email: user.email, roles: [await roleId(api, roleCode)] }),
  });
  const registered = await fetch(`${api.url}/admin/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      registrationToken: created.data.registrationToken,
      userInfo: { firstname: user.firstname, lastname: user.lastname, password: user.password },
    }),
  });
  const body = (await registered.json()) as { data?: { token?: string } };
  if (!registered.ok || !body.data?.token) throw new Error(`/admin/register answered HTTP ${registered.status}`);
  return body.data.token;
}

interface RolePermission {
  action: string;
  subject: string | null;
  properties: Record<string, unknown>;
  conditions: string[];
}

const roleId = async (api: AdminApi, code: string) => {
  const roles = await adminJson<{ data: Array<{ id: number; code: string }> }>(api, '/admin/roles');
  const role = roles.data.find((candidate) => candidate.code === code);
  if (!role) throw new Error(`no role with code ${code}`);
  return role.id;
};

/**
 * Creates a role holding these plugin actions (no subject, no conditions) and, with `like`, what
 * that built-in role holds too (`strapi-editor`: the content-manager on every type); returns its code.
 */
export async function createRoleWith(api: AdminApi, name: string, actions: string[], { like }: { like?: string } = {}): Promise<string> {
  const inherited = like ? (await adminJson<{ data: RolePermission[] }>(api, `/admin/roles/${await roleId(api, like)}/permissions`)).data : [];
  const role = await adminJson<{ data: { id: number; code: string } }>(api, '/admin/roles', {
    method: 'POST',
    body: JSON.stringify({ name, description: `${name} (browser tests)` }),
  });
  const permissions = [
    ...inherited.map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions })),
    ...actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
  ];
  await adminJson(api, `/admin/roles/${role.data.id}/permissions`, { method: 'PUT', body: JSON.stringify({ permissions }) });
  return role.data.code;
}

/** Creates an entry through the content-manager's admin API, as the entry editor saves one; returns its documentId. */
export async function createEntry(api: AdminApi, model: string, data: Record<string, unknown>): Promise<string> {
  const created = await adminJson<{ data: { documentId: string } }>(api, `/content-manager/collection-types/${model}`, {
    method: 'POST',
    body: JSON.stringify(data),
  });
  return created.data.documentId;
}

/** Creates a Media Library folder through Strapi's own admin route (as its "New folder" does). */
export async function createFolder(api: AdminApi, name: string, parent: number | null = null): Promise<number> {
  return (await adminJson<{ data: { id: number } }>(api, '/upload/folders', { method: 'POST', body: JSON.stringify({ name, parent }) })).data.id;
}

/** Moves files into a folder through Strapi's bulk move, as dragging them in the Media Library does. */
export async function moveFiles(api: AdminApi, fileIds: number[], folderId: number): Promise<void> {
  await adminJson(api, '/upload/actions/bulk-move', { method: 'POST', body: JSON.stringify({ fileIds, folderIds: [], destinationFolderId: folderId }) });
}
