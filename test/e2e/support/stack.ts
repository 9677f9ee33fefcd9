import type { Emulator } from '../../../emulator/server';

/** The emulator account the tests save as the API key; its last characters show as "…4f2a". */
export const E2E_KEY = 'e2e-alttextlab-key-00004f2a';

/**
 * Plugin settings for the browser tests: the provider's base URL points at the emulator (so it is
 * locked), no key (the test saves one from the settings page), no generation on upload (so the
 * bulk run has work to do).
 */
export const pluginEnvFor = (emulator: Emulator): Record<string, string> => ({
  ALT_TEXT_PROVIDER: 'alttextlab',
  ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
  ALT_TEXT_AUTO_ON_UPLOAD: 'false',
  ALT_TEXT_POLL_INTERVAL_MS: '200',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
});
