import http from 'node:http';
import type { Core } from '@strapi/strapi';
import { createCsvReader } from '../../../server/src/csv/reader';
import { csvRow } from '../../../server/src/csv/writer';
import type { PlaygroundApp } from '../../harness/strapi-app';

export const FILE = 'plugin::upload.file';
export const LOCALE_TEXT = 'plugin::auto-alt-text.locale-text';
export const PROVENANCE = 'plugin::auto-alt-text.provenance';
export const VERSION = 'plugin::auto-alt-text.version';
export const HEADER = ['fileId', 'fileName', 'locale', 'altText', 'source'];

/** Image rows straight into the upload table (no bytes, no upload hook, no generation): many files fast. */
export const seedImages = async (strapi: Core.Strapi, count: number, prefix: string, extra: Record<string, unknown> = {}): Promise<number[]> => {
  const data = Array.from({ length: count }, (_, index) => ({
    name: `${prefix}-${index}.png`,
    hash: `${prefix}_${index}`,
    ext: '.png',
    mime: 'image/png',
    size: 1,
    url: `/uploads/${prefix}_${index}.png`,
    provider: 'local',
    ...extra,
  }));
  for (let start = 0; start < data.length; start += 1000) await strapi.db.query(FILE).createMany({ data: data.slice(start, start + 1000) });
  const rows = (await strapi.db.query(FILE).findMany({ where: { hash: { $startsWith: `${prefix}_` } }, select: ['id'], orderBy: { id: 'asc' } })) as Array<{ id: number }>;
  return rows.map((row) => row.id);
};

/** A CSV as a spreadsheet saves it ("CSV UTF-8"): a BOM, CRLF line ends, RFC 4180 quoting. */
export const spreadsheetCsv = (rows: Array<Array<string | number>>, header = HEADER): string => `\uFEFF${[header, ...rows].map(csvRow).join('')}`;

export const parseCsv = (text: string): string[][] => {
  const reader = createCsvReader();
  return [...reader.push(text.replace(/^\uFEFF/, '')), ...reader.end()].map((record) => record.fields);
};

export interface HttpResult {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** POST /auto-alt-text/csv/import as the admin sends it: multipart/form-data, the file in `files`. */
export const importCsv = async (app: Pick<PlaygroundApp, 'url'>, token: string, content: string | Uint8Array, name = 'alt-text.csv'): Promise<HttpResult> => {
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append('files', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
  // A connection of its own (no keep-alive): building a 50 000-row file can outlast the server's
  // 5 s keep-alive, and a reused socket closed at that moment resets the request (ECONNRESET).
  const request = new Request(`${app.url}/auto-alt-text/csv/import`, { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  const { status, headers, text } = await new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const outgoing = http.request(
      request.url,
      { method: 'POST', agent: false, headers: { Authorization: `Bearer ${token}`, 'Content-Type': request.headers.get('content-type') ?? '', 'Content-Length': payload.length } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const received = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') received.set(name, value);
          resolve({ status: incoming.statusCode ?? 0, headers: received, text: Buffer.concat(chunks).toString('utf8') });
        });
        incoming.on('error', reject);
      }
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status, body, text, headers };
};

export const exportCsv = async (app: Pick<PlaygroundApp, 'url'>, token: string, query = ''): Promise<HttpResult & { bytes: Uint8Array }> => {
  const response = await fetch(`${app.url}/auto-alt-text/csv/export${query ? `?${query}` : ''}`, { headers: { Authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, bytes, headers: response.headers };
};

/** Everything an import could write: each file's alternativeText, the locale texts, the provenance rows. */
export const altTextTables = async (strapi: Core.Strapi) => ({
  files: ((await strapi.db.query(FILE).findMany({ select: ['id', 'alternativeText'], orderBy: { id: 'asc' } })) as Array<{ id: number; alternativeText: string | null }>).map((row) => [row.id, row.alternativeText]),
  localeTexts: ((await strapi.db.query(LOCALE_TEXT).findMany({ orderBy: { id: 'asc' } })) as Array<Record<string, unknown>>).map((row) => [row.fileId, row.locale, row.text, row.source]),
  provenance: ((await strapi.db.query(PROVENANCE).findMany({ orderBy: { id: 'asc' } })) as Array<Record<string, unknown>>).map((row) => [row.fileId, row.text, row.source]),
  versions: ((await strapi.db.query(VERSION).findMany({ orderBy: { id: 'asc' } })) as Array<Record<string, unknown>>).map((row) => [row.fileId, row.locale, row.text, row.kind]),
});
