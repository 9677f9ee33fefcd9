// The servers a provider test runs against, started once per describe block: the emulator with
// one account, an image host with one PNG, a proxy that records what the adapter sent on its way
// to the emulator, and a canned server for answers the emulator cannot give.

import { startEmulator, type Emulator } from '../../../emulator/server';
import type { ProviderName } from '../../../server/src/config/schema';
import type { AltTextProvider, ProviderSettings } from '../../../server/src/providers/types';
import { solidPng } from '../../support/images';
import { startCaptureServer, startImageHost, type CaptureServer, type ImageHost } from './fixtures';

/** Distinctive enough that finding it in a message cannot be a coincidence. */
export const contractKey = (name: ProviderName) => `${name}-secret-Qx7Zr2Lm9Kw4`;

/** Builds an adapter pointed at `baseUrl`, with `overrides` on top of these tests' settings. */
export type AdapterMaker = (baseUrl: string, overrides?: Partial<ProviderSettings>) => AltTextProvider;

/**
 * The adapter a test file is about: its key, and how to build it the way these tests do (the
 * key, 5 s, room for the whole text, plus the `defaults` this adapter also needs).
 */
export function adapterUnderTest(
  name: ProviderName,
  create: (settings: ProviderSettings) => AltTextProvider,
  defaults: Partial<ProviderSettings> = {}
): { key: string; make: AdapterMaker } {
  const key = contractKey(name);
  const make: AdapterMaker = (baseUrl, overrides = {}) =>
    create({ apiKey: key, baseUrl, timeoutMs: 5000, maxLength: 250, ...defaults, ...overrides });
  return { key, make };
}

/** A solid PNG on the image host; its size and colour show up in the emulator's text. */
export interface HostedPng {
  path: string;
  width: number;
  height: number;
  rgb: { r: number; g: number; b: number };
}

export interface ProviderServersOptions {
  /** Credits of the key's account, restored before every test. Default 10. */
  credits?: number;
  /** Plan name of the account (the emulator's default when absent). */
  plan?: string;
  /** Default: a 40×30 red PNG at /photo.png. */
  image?: HostedPng;
}

export interface ProviderServers {
  emulator: Emulator;
  host: ImageHost;
  /** Forwards to the emulator's API for this provider, keeping every request it passes on. */
  proxy: CaptureServer;
  canned: CaptureServer;
  /** The hosted image's bytes and its URL on the host. */
  png: Buffer;
  url: string;
}

const RED_PHOTO: HostedPng = { path: '/photo.png', width: 40, height: 30, rgb: { r: 200, g: 20, b: 20 } };

/**
 * Starts the servers before the enclosing describe block's tests and closes them after; before
 * each test the emulator is reset and the recorded requests are cleared. The returned object is
 * filled in by `beforeAll`, so read it inside hooks and tests only.
 */
export function useProviderServers(name: ProviderName, options: ProviderServersOptions = {}): ProviderServers {
  const { credits = 10, plan, image = RED_PHOTO } = options;
  const servers = {} as ProviderServers;

  beforeAll(async () => {
    servers.png = await solidPng(image.width, image.height, image.rgb);
    servers.host = await startImageHost({ [image.path]: { bytes: servers.png, type: 'image/png' } });
    servers.url = `${servers.host.url}${image.path}`;
    servers.emulator = await startEmulator({ accounts: [{ key: contractKey(name), credits, plan }] });
    servers.proxy = await startCaptureServer({ forwardTo: servers.emulator.baseUrls[name] });
    servers.canned = await startCaptureServer();
  });
  afterAll(async () => {
    await Promise.all([servers.emulator.close(), servers.host.close(), servers.proxy.close(), servers.canned.close()]);
  });
  beforeEach(() => {
    servers.emulator.reset();
    servers.proxy.requests.length = 0;
    servers.canned.requests.length = 0;
  });

  return servers;
}
