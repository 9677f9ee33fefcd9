const { mkdtemp, rm, writeFile } = require('fs/promises');
const os = require('os');
const path = require('path');
const { drawPicture } = require('./pictures');
const { POSTS, pictureFileName } = require('./posts');

const POST_UID = 'api::blog-post.blog-post';
const FILE_UID = 'plugin::upload.file';
const LOCALES = [
  { code: 'fr', name: 'French (fr)' },
  { code: 'de', name: 'German (de)' },
];
const log = (strapi, message) => strapi.log.info(`[demo seed] ${message}`);

/** fr and de next to i18n's default en; a locale that exists is left as it is. */
const ensureLocales = async (strapi) => {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of LOCALES) if (!(await locales.findByCode(locale.code))) await locales.create(locale);
};

/**
 * Each picture once, found by its file name. Uploaded through Strapi's upload service, as server
 * code does: into the private bucket, with the renditions the Media Library shows.
 */
const ensurePictures = async (strapi) => {
  const names = [...new Set(POSTS.flatMap((post) => [post.cover, ...post.gallery]))];
  const existing = await strapi.db.query(FILE_UID).findMany({ where: { name: { $in: names.map(pictureFileName) } } });
  const byName = new Map(existing.map((file) => [file.name, file]));
  const missing = names.filter((name) => !byName.has(pictureFileName(name)));
  if (missing.length > 0) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'demo-seed-'));
    try {
      for (const name of missing) {
        const filepath = path.join(dir, pictureFileName(name));
        const bytes = await drawPicture(name);
        await writeFile(filepath, bytes);
        const [file] = await strapi.plugin('upload').service('upload').upload({
          data: { fileInfo: { name: pictureFileName(name) } },
          files: { filepath, originalFilename: pictureFileName(name), mimetype: 'image/jpeg', size: bytes.length },
        });
        byName.set(file.name, file);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { byPicture: (name) => byName.get(pictureFileName(name)), uploaded: missing.length };
};

/** A post found by its English slug, else created; then each locale it lacks. Published, so the content API serves it. */
const ensurePost = async (strapi, post, pictures) => {
  const documents = strapi.documents(POST_UID);
  const media = { cover: pictures.byPicture(post.cover).id, gallery: post.gallery.map((name) => pictures.byPicture(name).id) };
  const found = await documents.findFirst({ locale: 'en', filters: { slug: post.locales.en.slug } });
  let documentId = found?.documentId;
  let created = 0;
  for (const [locale, fields] of Object.entries(post.locales)) {
    if (documentId && (await documents.findOne({ documentId, locale }))) continue;
    const data = { ...fields, ...media };
    const entry = documentId
      ? await documents.update({ documentId, locale, data, status: 'published' })
      : await documents.create({ locale, data, status: 'published' });
    documentId = entry.documentId;
    created += 1;
  }
  return created;
};

/** Readers of the demo may query the posts without a token: `GET /api/blog-posts?locale=fr&populate=cover`. */
const ensurePublicRead = async (strapi) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const action of ['find', 'findOne'].map((name) => `${POST_UID}.${name}`)) {
    if (!(await permissions.findOne({ where: { action, role: role.id } }))) await permissions.create({ data: { action, role: role.id } });
  }
};

/**
 * The demo's content: locales fr and de, blog posts in en, fr and de, their pictures in the
 * private bucket. Idempotent: what exists is kept, only what is missing is created, so a second
 * boot on the same database adds nothing. With `describe`, the seeded pictures that have no alt
 * text yet are described by one run, started once every post and locale exists: each picture is
 * described with the entries that use it, each locale's text from that locale's post (the demo's
 * config leaves server code out of `uploadSources`, so the uploads above queue nothing on their
 * own). Without it (no key, or a real provider), they wait for a *Missing alt text* run.
 */
const seedDemo = async (strapi, { describe }) => {
  const started = Date.now();
  await ensureLocales(strapi);
  const pictures = await ensurePictures(strapi);
  let entries = 0;
  for (const post of POSTS) entries += await ensurePost(strapi, post, pictures);
  await ensurePublicRead(strapi);
  log(strapi, `${POSTS.length} blog posts in en, fr, de (${entries} entries created), ${pictures.uploaded} pictures uploaded, in ${Date.now() - started} ms`);
  if (!describe) return;

  const ids = [...new Set(POSTS.flatMap((post) => [post.cover, ...post.gallery]))].map((name) => pictures.byPicture(name).id);
  const rows = await strapi.db.query(FILE_UID).findMany({ where: { id: { $in: ids } }, select: ['id', 'alternativeText'] });
  const undescribed = rows.filter((row) => !row.alternativeText).map((row) => row.id);
  if (undescribed.length === 0) return;
  const runs = strapi.plugin('auto-alt-text').service('runs');
  const run = await runs.create({ scope: { kind: 'ids', ids: undescribed }, mode: 'fill', createdBy: 'npm run demo (seed)' });
  log(strapi, `describing ${undescribed.length} pictures with their posts' context: run #${run.id}`);
};

module.exports = { seedDemo, POST_UID };
