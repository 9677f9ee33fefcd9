import { planDelivery, type DeliveryFacts } from '../../../server/src/image-source/strategy';
import type { ImageTransport } from '../../../server/src/image-source/types';

/** Named situations, each a small change from "nothing is available". */
const nothing: DeliveryFacts = {
  presignable: false,
  fileUrlAbsolute: false,
  fileUrlReachable: false,
  providerPrivate: false,
  serverUrl: 'none',
  signingKey: true,
  readable: false,
  needsRaster: false,
};
const privateS3: DeliveryFacts = { ...nothing, presignable: true, fileUrlAbsolute: true, providerPrivate: true, readable: true };
const publicCdn: DeliveryFacts = { ...nothing, fileUrlAbsolute: true, fileUrlReachable: true, readable: true };
const localOnPublicSite: DeliveryFacts = { ...nothing, serverUrl: 'public', readable: true };
const localOnLaptop: DeliveryFacts = { ...nothing, serverUrl: 'private', readable: true };
const localWithoutServerUrl: DeliveryFacts = { ...nothing, readable: true };

const BOTH: ImageTransport[] = ['url', 'base64'];
const URL_ONLY: ImageTransport[] = ['url'];
const BYTES_ONLY: ImageTransport[] = ['base64'];

const auto = (facts: DeliveryFacts, accepts = BOTH) => planDelivery('auto', accepts, facts);

describe('choosing how the provider reaches a file (imageDelivery: auto)', () => {
  test('a file in a private S3 bucket is presigned, with inline as the fallback', () => {
    expect(auto(privateS3)).toEqual({ ok: true, strategies: ['presigned', 'inline'] });
  });

  test('a public file on a public host is sent by its own URL', () => {
    expect(auto(publicCdn)).toEqual({ ok: true, strategies: ['public', 'inline'] });
  });

  test('a public file on a loopback or private host is sent inline rather than by a URL nobody outside can open', () => {
    expect(auto({ ...publicCdn, fileUrlReachable: false })).toEqual({ ok: true, strategies: ['inline', 'public'] });
  });

  test('a local file on a site with a public server.url gets a plugin-signed URL', () => {
    expect(auto(localOnPublicSite)).toEqual({ ok: true, strategies: ['signed', 'inline'] });
  });

  test('a local file with server.url on a private network goes inline', () => {
    expect(auto(localOnLaptop)).toEqual({ ok: true, strategies: ['inline', 'signed'] });
  });

  test('without server.url a local file goes inline', () => {
    expect(auto(localWithoutServerUrl)).toEqual({ ok: true, strategies: ['inline'] });
  });

  test('without a signing key no plugin-signed URL is planned', () => {
    expect(auto({ ...localOnPublicSite, signingKey: false })).toEqual({ ok: true, strategies: ['inline'] });
  });

  test('a provider that takes only bytes gets the bytes even from S3', () => {
    expect(auto(privateS3, BYTES_ONLY)).toEqual({ ok: true, strategies: ['inline'] });
  });

  test('a provider that takes only URLs still gets a signed URL on a private network, as a last resort', () => {
    expect(auto(localOnLaptop, URL_ONLY)).toEqual({ ok: true, strategies: ['signed'] });
  });

  test('an SVG or HEIC is rasterised inline first when the provider takes bytes', () => {
    expect(auto({ ...privateS3, needsRaster: true })).toEqual({ ok: true, strategies: ['inline', 'presigned'] });
    expect(auto({ ...privateS3, needsRaster: true }, URL_ONLY)).toEqual({ ok: true, strategies: ['presigned'] });
  });

  test('a file of an upload provider that is private, cannot sign and is unreadable has no way, and the reason says so', () => {
    const plan = auto({ ...nothing, fileUrlAbsolute: true, providerPrivate: true }, URL_ONLY);
    expect(plan).toEqual({ ok: false, reason: expect.stringMatching(/does not accept inline images/) });
  });

  test('a private file is never sent by its unsigned URL in auto mode', () => {
    const plan = auto({ ...privateS3, presignable: false, readable: false, fileUrlReachable: true });
    expect(plan.ok).toBe(false);
  });
});

describe('an explicit imageDelivery is that strategy or a reason why not', () => {
  test('each mode is used alone when the file allows it', () => {
    expect(planDelivery('presigned', BOTH, privateS3)).toEqual({ ok: true, strategies: ['presigned'] });
    expect(planDelivery('public', BOTH, privateS3)).toEqual({ ok: true, strategies: ['public'] });
    expect(planDelivery('signed', BOTH, localOnLaptop)).toEqual({ ok: true, strategies: ['signed'] });
    expect(planDelivery('inline', BOTH, privateS3)).toEqual({ ok: true, strategies: ['inline'] });
  });

  test.each([
    ['presigned', BOTH, localOnPublicSite, /not in S3 and its upload provider cannot sign/],
    ['public', BOTH, localWithoutServerUrl, /relative URL and server.url is not an absolute URL/],
    ['signed', BOTH, localWithoutServerUrl, /server.url is not an absolute URL/],
    ['signed', BOTH, { ...localOnPublicSite, signingKey: false }, /no signing key/],
    ['inline', BOTH, nothing, /bytes cannot be read/],
    ['inline', URL_ONLY, privateS3, /does not accept inline images/],
    ['presigned', BYTES_ONLY, privateS3, /does not accept image URLs/],
  ] as const)('"%s" refuses with a reason (%#)', (mode, accepts, facts, reason) => {
    const plan = planDelivery(mode, accepts, facts);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(reason);
    expect(!plan.ok && plan.reason).toContain(`imageDelivery is "${mode}"`);
  });
});
