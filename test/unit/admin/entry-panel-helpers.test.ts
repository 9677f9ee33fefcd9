/**
 * The pure helpers behind the entry panel and the bulk action, without a browser: which content
 * types get them, and how the panel tells that unsaved edits added or removed images.
 */
import { canHoldImages, isAppContentType, type SchemaShape } from '../../../admin/src/utils/entrySchema';
import { imagesSignature } from '../../../admin/src/utils/formImages';
import { pluginPageUrl } from '../../../admin/src/utils/pluginPageUrl';

const schema = (uid: string, attributes: SchemaShape['attributes']): SchemaShape => ({ uid, attributes });
const file = (hash: string) => ({ id: Number(hash.replace(/\D/g, '')) || 1, hash, url: `/uploads/${hash}.png`, mime: 'image/png', formats: { thumbnail: { hash: `thumbnail_${hash}`, mime: 'image/png' } } });

describe('which content types the panel and the bulk action are for', () => {
  const figure = schema('media.figure', { image: { type: 'media', allowedTypes: ['images'] }, caption: { type: 'string' } });
  const quote = schema('content.quote', { text: { type: 'text' } });
  const components = { 'media.figure': figure, 'content.quote': quote };

  test('an app type with an image field, a Blocks or Markdown field, or images in its components and dynamic zones', () => {
    expect(canHoldImages(schema('api::a.a', { cover: { type: 'media', allowedTypes: ['images', 'files'] } }), {})).toBe(true);
    expect(canHoldImages(schema('api::a.a', { cover: { type: 'media' } }), {})).toBe(true);
    expect(canHoldImages(schema('api::a.a', { body: { type: 'blocks' } }), {})).toBe(true);
    expect(canHoldImages(schema('api::a.a', { body: { type: 'richtext' } }), {})).toBe(true);
    expect(canHoldImages(schema('api::a.a', { figures: { type: 'component', component: 'media.figure' } }), components)).toBe(true);
    expect(canHoldImages(schema('api::a.a', { sections: { type: 'dynamiczone', components: ['content.quote', 'media.figure'] } }), components)).toBe(true);
  });

  test('not one whose media fields take only files or videos, nor one with text alone, nor a plugin’s type', () => {
    expect(canHoldImages(schema('api::a.a', { manual: { type: 'media', allowedTypes: ['files', 'videos'] } }), {})).toBe(false);
    expect(canHoldImages(schema('api::a.a', { manual: { type: 'media', allowedTypes: 'files' } }), {})).toBe(false);
    expect(canHoldImages(schema('api::a.a', { title: { type: 'string' }, quote: { type: 'component', component: 'content.quote' } }), components)).toBe(false);
    expect(isAppContentType('plugin::users-permissions.user')).toBe(false);
    expect(isAppContentType('api::article.article')).toBe(true);
  });

  test('a component that holds itself is read once', () => {
    const nested = schema('content.nested', { child: { type: 'component', component: 'content.nested' } });
    expect(canHoldImages(schema('api::a.a', { tree: { type: 'component', component: 'content.nested' } }), { 'content.nested': nested })).toBe(false);
  });
});

describe('the images an edit form holds', () => {
  const saved = {
    title: 'Blue Ridge trail',
    cover: file('cover1'),
    figures: [{ __temp_key__: 'a0', image: file('figure2'), caption: 'Our campsite' }],
    sections: [{ __component: 'media.figure', image: null }],
    body: [{ type: 'image', image: { hash: 'inline3', url: '/uploads/inline3.png', mime: 'image/png' }, children: [{ type: 'text', text: '' }] }],
  };

  test('media fields, components and Blocks images alike, in any order; a text edit changes nothing', () => {
    expect(imagesSignature(saved).split('\n')).toEqual(['cover1', 'figure2', 'inline3']);
    expect(imagesSignature({ ...saved, title: 'Revised' })).toBe(imagesSignature(saved));
    expect(imagesSignature({ ...saved, figures: [...saved.figures].reverse() })).toBe(imagesSignature(saved));
  });

  test('an image added or removed anywhere changes it; a PDF does not count', () => {
    expect(imagesSignature({ ...saved, cover: null })).not.toBe(imagesSignature(saved));
    expect(imagesSignature({ ...saved, sections: [{ __component: 'media.figure', image: file('new4') }] })).not.toBe(imagesSignature(saved));
    expect(imagesSignature({ ...saved, manual: { hash: 'manual5', mime: 'application/pdf' } })).toBe(imagesSignature(saved));
  });
});

test('the plugin page is found under the admin path the app uses', () => {
  expect(pluginPageUrl('/admin/content-manager/collection-types/api::article.article')).toBe('/admin/plugins/auto-alt-text');
  expect(pluginPageUrl('/cms/dashboard/content-manager/collection-types/api::article.article')).toBe('/cms/dashboard/plugins/auto-alt-text');
});
