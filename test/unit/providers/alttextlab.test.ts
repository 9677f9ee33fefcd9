import { ALTTEXTLAB_BASE_URL, createAltTextLabProvider } from '../../../server/src/providers/alttextlab';
import type { EntryContext } from '../../../server/src/providers/types';
import { runProviderContract } from './contract';
import { entryUsing, expectTypedFailure } from './fixtures';
import { adapterUnderTest, useProviderServers } from './provider-servers';

const { key: KEY, make } = adapterUnderTest('alttextlab', createAltTextLabProvider);

runProviderContract({
  name: 'alttextlab',
  make,
  supports: { url: true, base64: true, credits: true },
  languages: { refused: [], severalInOneCall: false },
  successBody: (text) => ({ result: text, id: 1 }),
});

describe('the AltTextLab adapter, beyond the contract', () => {
  const servers = useProviderServers('alttextlab', { plan: 'Pro' });

  test('documents app.alttextlab.com as its default base URL', () => {
    expect(ALTTEXTLAB_BASE_URL).toBe('https://app.alttextlab.com/api/v1');
  });

  test('sends the key as x-api-key and the image as imageUrl, with lang, style, keywords and its source tag', async () => {
    await make(servers.proxy.url).generate({ image: { url: servers.url }, lang: 'en-gb', style: 'descriptive', keywords: ['harbour', 'dawn'], fileLabel: '#1' });
    const [sent] = servers.proxy.requests;
    expect(sent.path).toBe('/alt-text/generate');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.body).toEqual({
      imageUrl: servers.url,
      lang: 'en-gb',
      style: 'descriptive',
      keywords: ['harbour', 'dawn'],
      source: 'strapi-plugin-auto-alt-text',
    });
  });

  test('sends inline bytes as plain base64 in imageRaw', async () => {
    await make(servers.proxy.url).generate({ image: { base64: 'iVBORw0KGgo=', mime: 'image/png' }, lang: 'en', style: 'neutral', fileLabel: '#1' }).catch(() => undefined);
    expect(servers.proxy.requests[0].body).toMatchObject({ imageRaw: 'iVBORw0KGgo=' });
    expect(servers.proxy.requests[0].body).not.toHaveProperty('imageUrl');
  });

  test('the style and keywords it forwards shape the text the provider writes', async () => {
    const text = await make(servers.emulator.baseUrls.alttextlab).generate({
      image: { url: servers.url },
      lang: 'en',
      style: 'matter-of-fact',
      keywords: ['harbour', 'dawn'],
      fileLabel: '#1',
    });
    expect(text).toBe('40×30 PNG image, mostly red (#c81414); keywords: harbour, dawn');
    expect(servers.emulator.requests[0].style).toBe('matter-of-fact');
  });

  test('leaves keywords out when there are none', async () => {
    await make(servers.proxy.url).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', keywords: [], fileLabel: '#1' });
    expect(servers.proxy.requests[0].body).not.toHaveProperty('keywords');
  });

  describe('the entries that use the image', () => {
    const seo = (...keywords: string[]) => ({ metaTitle: null, metaDescription: null, keywords });
    const generateWith = (baseUrl: string, keywords: string[], entries: EntryContext[]) =>
      make(baseUrl).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', keywords, context: { entries }, fileLabel: '#1' });
    const sent = () => servers.proxy.requests[0].body as Record<string, unknown>;

    test("keywords: the configured ones first, then each entry's SEO keywords and title terms, no repeats in any case, at most 6", async () => {
      await generateWith(servers.proxy.url, ['Hiking', 'outdoor gear'], [
        entryUsing({ title: 'The Blue Ridge trail in spring', seo: seo('hiking', 'Blue Ridge\u0000 trail', 'Appalachians') }),
        entryUsing({ title: 'Trail Runner 2', seo: seo('trail running') }),
      ]);
      // "hiking" repeats a configured keyword; "The", "in" and "2" say nothing; "Blue", "Ridge" and
      // "trail" are already in "Blue Ridge trail"; "Runner" comes after the sixth.
      expect(sent().keywords).toEqual(['Hiking', 'outdoor gear', 'Blue Ridge trail', 'Appalachians', 'spring', 'trail running']);
    });

    test('a configured list longer than the cap is sent whole, with nothing added', async () => {
      const configured = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
      await generateWith(servers.proxy.url, configured, [entryUsing({ seo: seo('hiking') })]);
      expect(sent().keywords).toEqual(configured);
    });

    test('ecommerce: the first entry with product facts, and only the facts that have a value', async () => {
      await generateWith(servers.proxy.url, [], [
        entryUsing(),
        entryUsing({ ecommerce: { product: 'Trail Runner 2', brand: 'Acme', color: '  ' } }),
        entryUsing({ ecommerce: { product: 'Summit Pack', material: 'nylon' } }),
      ]);
      expect(sent().ecommerce).toEqual({ product: 'Trail Runner 2', brand: 'Acme' });
    });

    test('no keywords and no ecommerce key when nothing has a value', async () => {
      await generateWith(servers.proxy.url, [], [entryUsing({ title: 'A 2 in', ecommerce: { product: '' } }), entryUsing({ title: null })]);
      expect(sent()).toEqual({ imageUrl: servers.url, lang: 'en', style: 'neutral', source: 'strapi-plugin-auto-alt-text' });
    });

    test('the provider receives them: the emulator records them and names them in its text', async () => {
      const entries = [entryUsing({ seo: seo('Blue Ridge trail'), ecommerce: { product: 'Trail Runner 2', brand: 'Acme' } })];
      const text = await generateWith(servers.emulator.baseUrls.alttextlab, [], entries);
      expect(text).toBe('A 40×30 image dominated by red (#c81414); keywords: Blue Ridge trail; product: Trail Runner 2, brand: Acme');
      expect(servers.emulator.requests[0]).toMatchObject({
        keywords: ['Blue Ridge trail'],
        ecommerce: { product: 'Trail Runner 2', brand: 'Acme' },
      });
    });
  });

  test('403 NOT_ENOUGH_FUNDS is OUT_OF_CREDITS and says which answer it was', async () => {
    servers.emulator.setFaults({ creditsAfter: 0 });
    const error = await expectTypedFailure(
      make(servers.emulator.baseUrls.alttextlab).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', fileLabel: '#1' }),
      { code: 'OUT_OF_CREDITS', provider: 'alttextlab', file: '#1', secrets: [KEY] }
    );
    expect(error.status).toBe(403);
    expect(error.message).toContain('NOT_ENOUGH_FUNDS');
  });

  test('any other 403 is a refused key, not lost credits', async () => {
    servers.canned.reply({ status: 403, body: { message: 'Forbidden', key: 'FORBIDDEN' } });
    await expectTypedFailure(make(servers.canned.url).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', fileLabel: '#1' }), {
      code: 'INVALID_KEY',
      provider: 'alttextlab',
      secrets: [KEY],
    });
    await expect(make(servers.canned.url).verifyKey()).resolves.toEqual({ valid: false });
  });

  test('verifyKey names the plan, and getCredits reports plan and next top-up', async () => {
    const provider = make(servers.emulator.baseUrls.alttextlab);
    await expect(provider.verifyKey()).resolves.toEqual({ valid: true, account: 'Pro' });
    const credits = await provider.getCredits();
    expect(credits).toMatchObject({ reported: true, remaining: 10, plan: 'Pro' });
    expect(credits.reported && Date.parse(credits.refillsAt ?? '')).toBeGreaterThan(Date.now());
  });
});
