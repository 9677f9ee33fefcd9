import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { PERMISSIONS } from '../../../shared/permissions';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, userWithActions, type Api } from '../../reliability/admin';
import { solidPng } from '../../support/images';
import { pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';
import { altTextTables, exportCsv, FILE, HEADER, importCsv, LOCALE_TEXT, parseCsv, seedImages, spreadsheetCsv } from './fixtures';

/**
 * CSV export and import of alt text per locale (issue 14 item 6), over real HTTP on the playground
 * with i18n's en, fr and de: a spreadsheet round trip, every kind of bad file refused with nothing
 * written, the Generate permission, and the export scopes. No provider call is made by either.
 */
const API_KEY = `csv-key-${randomBytes(10).toString('hex')}`;

describe('CSV export and import', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let token: string;
  let admin: Api;
  const images: number[] = [];

  const sourceIn = async (id: number, locale: string) => {
    const list = await admin('GET', `/auto-alt-text/media?locale=${locale}&pageSize=100`);
    return list.body.data.rows.find((row: { id: number }) => row.id === id) as { source: string; alternativeText: string | null };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: 'i18n' }),
      },
    });
    const i18n = app.strapi.plugin('i18n').service('locales') as { create(locale: { code: string; name: string }): Promise<unknown> };
    for (const code of ['fr', 'de']) await i18n.create({ code, name: code });
    token = await registerSuperAdmin(app);
    admin = apiFor(app, token);
    for (const [index, rgb] of [{ r: 200, g: 0, b: 0 }, { r: 0, g: 200, b: 0 }, { r: 0, g: 0, b: 200 }].entries()) {
      const { files } = await uploadThroughApi(app, { bytes: await solidPng(80, 60, rgb), name: `csv-${index}.png`, mime: 'image/png' });
      images.push(files[0].id);
    }
    await waitFor('every image described in three locales', async () => {
      const rows = await app.strapi.db.query(LOCALE_TEXT).count({ where: { fileId: { $in: images } } });
      const files = await app.strapi.db.query(FILE).count({ where: { id: { $in: images }, alternativeText: { $notNull: true } } });
      return rows === 6 && files === 3 ? true : undefined;
    });
    await pluginServices(app.strapi).queue.idle();
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());
  afterEach(() => expect(emulator.requests).toEqual([])); // CSV costs no credit, in either direction

  test('export → edit in a spreadsheet (quotes, commas, line breaks, BOM, CRLF) → import: texts as edited, marked imported, and a fill run leaves them', async () => {
    const exported = await exportCsv(app, token, 'scope=all');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="alt-text-all-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...exported.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(exported.text);
    expect(header).toEqual(HEADER);
    const mine = rows.filter((row) => images.includes(Number(row[0])));
    expect(mine).toHaveLength(9);
    expect(new Set(mine.map((row) => row[4]))).toEqual(new Set(['generated']));

    const [first, second, third] = images;
    const edited = mine.map((row) => {
      const [id, , locale] = row;
      if (Number(id) === first && locale === 'fr') return [row[0], row[1], row[2], 'Un "chat", sur\r\nle canapé', row[4]];
      if (Number(id) === second && locale === 'en') return [row[0], row[1], row[2], 'A dog, "happy", on grass\nat noon', row[4]];
      if (Number(id) === third && locale === 'de') return [row[0], row[1], row[2], '', row[4]];
      return row;
    });
    const before = await app.strapi.db.query(LOCALE_TEXT).findOne({ where: { fileId: third, locale: 'de' } });
    const imported = await importCsv(app, token, spreadsheetCsv(edited));
    expect(imported.status).toBe(200);
    expect(imported.body.data).toEqual({ rows: 9, written: 2, unchanged: 6, skipped: 1 });

    expect(await sourceIn(first, 'fr')).toMatchObject({ source: 'imported', alternativeText: 'Un "chat", sur\r\nle canapé' });
    expect(await sourceIn(second, 'en')).toMatchObject({ source: 'imported', alternativeText: 'A dog, "happy", on grass\nat noon' });
    expect(await sourceIn(first, 'en')).toMatchObject({ source: 'generated' }); // unchanged rows keep their source
    expect((await app.strapi.db.query(LOCALE_TEXT).findOne({ where: { fileId: third, locale: 'de' } }))?.text).toBe(before?.text); // empty = leave as is

    // Exported again, the edits read back exactly.
    const again = parseCsv((await exportCsv(app, token, 'scope=all')).text);
    expect(again.find((row) => Number(row[0]) === first && row[2] === 'fr')?.slice(3)).toEqual(['Un "chat", sur\r\nle canapé', 'imported']);

    const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'ids', ids: images }, mode: 'fill' });
    await waitFor('the fill run', async () => ((await pluginServices(app.strapi).runs.get(run.id))?.status === 'done' ? true : undefined));
    expect(await sourceIn(first, 'fr')).toMatchObject({ source: 'imported', alternativeText: 'Un "chat", sur\r\nle canapé' });
    expect(await sourceIn(second, 'en')).toMatchObject({ source: 'imported', alternativeText: 'A dog, "happy", on grass\nat noon' });
  });

  test('a text a spreadsheet would run as a formula is exported behind an apostrophe and comes back unchanged', async () => {
    const [third] = await seedImages(app.strapi, 1, `csv-formula-${randomBytes(3).toString('hex')}`);
    const formula = '=HYPERLINK("http://evil.example","click")';
    expect((await admin('PUT', `/auto-alt-text/media/${third}`, { alternativeText: formula, locale: 'fr' })).status).toBe(200);
    const rows = parseCsv((await exportCsv(app, token, 'scope=all&locale=fr')).text).slice(1);
    const row = rows.find((fields) => Number(fields[0]) === third);
    expect(row?.slice(2)).toEqual(['fr', `'${formula}`, 'human']);
    const imported = await importCsv(app, token, spreadsheetCsv([row as string[]]));
    expect(imported.body.data).toEqual({ rows: 1, written: 0, unchanged: 1, skipped: 0 });
    expect(await sourceIn(third, 'fr')).toMatchObject({ source: 'human', alternativeText: formula });
  });

  describe('a bad file: every row reported, nothing written', () => {
    let pdf: number;
    beforeAll(async () => {
      [pdf] = await seedImages(app.strapi, 1, `csv-pdf-${randomBytes(3).toString('hex')}`, { mime: 'application/pdf', ext: '.pdf' });
    });
    const good = () => [images[0], 'csv-0.png', 'fr', 'Un texte valable', 'human'];
    const latin1 = (text: string) => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));

    test.each<[string, () => string | Uint8Array, Array<{ row: number; column?: string; reason: string }>]>([
      ['an unknown file, and a file id that is not a number', () => spreadsheetCsv([good(), [99999999, 'gone.png', 'fr', 'x', ''], ['PDF', 'x', 'fr', 'x', '']]), [{ row: 3, column: 'fileId', reason: 'UNKNOWN_FILE' }, { row: 4, column: 'fileId', reason: 'BAD_FILE_ID' }]],
      ['an unknown locale', () => spreadsheetCsv([good(), [1, 'x.png', 'xx', 'x', '']]), [{ row: 3, column: 'locale', reason: 'UNKNOWN_LOCALE' }]],
      ['a text over maxLength (250)', () => spreadsheetCsv([good(), [1, 'x.png', 'de', 'a'.repeat(251), '']]), [{ row: 3, column: 'altText', reason: 'TOO_LONG' }]],
      ['bytes that are not UTF-8 (saved as Latin-1)', () => latin1(`${HEADER.join(',')}\r\n${images[0]},x.png,fr,Caf\u00e9 cr\u00e8me,\r\n`), [{ row: 2, reason: 'BAD_ENCODING' }]],
      ['a missing column in the header', () => spreadsheetCsv([good()], HEADER.slice(0, 4)), [{ row: 1, reason: 'BAD_HEADER' }]],
      ['a row with an extra column', () => spreadsheetCsv([good(), [...good(), 'extra']]), [{ row: 3, reason: 'COLUMN_COUNT' }]],
      ['a quote never closed', () => `${spreadsheetCsv([good()])}${images[1]},x.png,fr,"Un texte\r\n`, [{ row: 3, reason: 'UNTERMINATED_QUOTE' }]],
      ['the same file and locale twice', () => spreadsheetCsv([good(), good()]), [{ row: 3, reason: 'DUPLICATE_ROW' }]],
    ])('%s', async (_label, content, expected) => {
      const before = await altTextTables(app.strapi);
      const result = await importCsv(app, token, content());
      expect(result.status).toBe(400);
      expect(result.body.error.name).toBe('ValidationError');
      expect(result.body.error.details.reason).toBe('CSV_INVALID');
      const errors = result.body.error.details.errors as Array<{ row: number; column?: string; reason: string; message: string }>;
      expect(errors.map(({ row, column, reason }) => ({ row, ...(column ? { column } : {}), reason }))).toEqual(expected);
      for (const error of errors) expect(error.message.length).toBeGreaterThan(5);
      expect(await altTextTables(app.strapi)).toEqual(before);
    });

    test('a file that is not an image', async () => {
      const result = await importCsv(app, token, spreadsheetCsv([good(), [pdf, 'doc.pdf', 'fr', 'x', '']]));
      expect(result.status).toBe(400);
      expect(result.body.error.details.errors).toEqual([expect.objectContaining({ row: 3, column: 'fileId', reason: 'NOT_AN_IMAGE' })]);
    });

    test('an empty file, and a header with no rows', async () => {
      expect((await importCsv(app, token, '')).body.error.details.errors[0].reason).toBe('EMPTY_FILE');
      expect((await importCsv(app, token, spreadsheetCsv([]))).body.error.details.errors[0].reason).toBe('EMPTY_FILE');
    });
  });

  test('Generate lets a role export and import; Read alone does not (403)', async () => {
    const generator = await userWithActions(app, admin, [PERMISSIONS.generate], 'csv-generate@example.com');
    const reader = await userWithActions(app, admin, [PERMISSIONS.read], 'csv-read@example.com');
    expect((await exportCsv(app, generator, 'scope=missing')).status).toBe(200);
    const unchanged = spreadsheetCsv([[images[2], 'csv-2.png', 'de', '', '']]);
    expect((await importCsv(app, generator, unchanged)).body.data).toEqual({ rows: 1, written: 0, unchanged: 0, skipped: 1 });
    expect((await exportCsv(app, reader)).status).toBe(403);
    expect((await importCsv(app, reader, unchanged)).status).toBe(403);
  });

  test('scopes: missing, a folder (with its subfolders), one locale; an unknown folder or locale is a 400', async () => {
    const folders = app.strapi.plugin('upload').service('folder') as { create(data: { name: string; parent: number | null }): Promise<{ id: number; path: string }> };
    const parent = await folders.create({ name: 'csv-parent', parent: null });
    const child = await folders.create({ name: 'csv-child', parent: parent.id });
    await app.strapi.db.query(FILE).update({ where: { id: images[1] }, data: { folder: child.id, folderPath: child.path } });
    await app.strapi.db.query(FILE).update({ where: { id: images[2] }, data: { alternativeText: '' } });

    const idsAndLocales = async (query: string) => parseCsv((await exportCsv(app, token, query)).text).slice(1).filter((row) => images.includes(Number(row[0]))).map((row) => `${row[0]}:${row[2]}:${row[4]}`);
    expect(await idsAndLocales('scope=missing')).toEqual([`${images[2]}:en:missing`]);
    expect(await idsAndLocales(`scope=folder&folder=${parent.id}`)).toEqual(['en', 'fr', 'de'].map((locale) => `${images[1]}:${locale}:${locale === 'en' ? 'imported' : 'generated'}`));
    expect(await idsAndLocales('scope=all&locale=fr')).toEqual([`${images[0]}:fr:imported`, `${images[1]}:fr:generated`, `${images[2]}:fr:generated`]);
    expect(await idsAndLocales('scope=missing&locale=fr')).toEqual([]);
    expect((await exportCsv(app, token, 'scope=folder&folder=999999')).status).toBe(400);
    expect((await exportCsv(app, token, 'scope=folder')).status).toBe(400);
    expect((await exportCsv(app, token, 'locale=xx')).status).toBe(400);
    expect((await exportCsv(app, token, 'scope=everything')).status).toBe(400);
  });
});
