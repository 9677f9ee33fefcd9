const { pluginRoot } = require('../src/app-root');

/**
 * The playground stores uploads in a PRIVATE S3 bucket when S3_ENDPOINT is set (the demo and the
 * tests set it), so the alt-text provider can only reach an image through a presigned URL.
 */
const s3Upload = (env) => ({
  config: {
    provider: 'aws-s3',
    providerOptions: {
      // Lets several apps (tests, demos) share one bucket without sharing keys.
      rootPath: env('S3_ROOT_PATH'),
      s3Options: {
        endpoint: env('S3_ENDPOINT'),
        region: env('S3_REGION', 'us-east-1'),
        forcePathStyle: true,
        credentials: {
          accessKeyId: env('S3_ACCESS_KEY_ID'),
          secretAccessKey: env('S3_SECRET_ACCESS_KEY'),
        },
        // Local S3 servers mis-store aws-chunked bodies; send checksums only when required.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        params: {
          Bucket: env('S3_BUCKET'),
          ACL: 'private',
          signedUrlExpires: env.int('S3_SIGNED_URL_EXPIRES', 900),
        },
      },
    },
  },
});

/**
 * Plugin settings from the environment, named only where their variable is set: a key that
 * config/plugins names is locked in the admin even when its value is empty (as `env('X')` with X
 * unset), so naming every key would lock the whole settings page. ALT_TEXT_PROVIDER,
 * ALT_TEXT_API_KEY, ALT_TEXT_BASE_URL and ALT_TEXT_MODEL are read by the plugin itself.
 */
const fromEnv = (env) => {
  const texts = { lang: 'ALT_TEXT_LANG', style: 'ALT_TEXT_STYLE', imageDelivery: 'ALT_TEXT_IMAGE_DELIVERY' };
  const ints = {
    concurrency: 'ALT_TEXT_CONCURRENCY',
    maxAttempts: 'ALT_TEXT_MAX_ATTEMPTS',
    retryBaseMs: 'ALT_TEXT_RETRY_BASE_MS',
    retryMaxMs: 'ALT_TEXT_RETRY_MAX_MS',
    rateLimitWaitMs: 'ALT_TEXT_RATE_LIMIT_WAIT_MS',
    leaseSeconds: 'ALT_TEXT_LEASE_SECONDS',
    pollIntervalMs: 'ALT_TEXT_POLL_INTERVAL_MS',
    creditsProbeSeconds: 'ALT_TEXT_CREDITS_PROBE_SECONDS',
    requestTimeoutMs: 'ALT_TEXT_REQUEST_TIMEOUT_MS',
    maxRateLimitWaits: 'ALT_TEXT_MAX_RATE_LIMIT_WAITS',
    shutdownGraceMs: 'ALT_TEXT_SHUTDOWN_GRACE_MS',
    presignExpiresSeconds: 'ALT_TEXT_PRESIGN_EXPIRES_SECONDS',
    inlineMaxEdge: 'ALT_TEXT_INLINE_MAX_EDGE',
  };
  const settings = {};
  for (const [key, name] of Object.entries(texts)) if (env(name)) settings[key] = env(name);
  for (const [key, name] of Object.entries(ints)) if (env(name)) settings[key] = env.int(name);
  if (env('ALT_TEXT_REQUESTS_PER_SECOND')) settings.requestsPerSecond = env.float('ALT_TEXT_REQUESTS_PER_SECOND');
  if (env('ALT_TEXT_AUTO_ON_UPLOAD')) settings.autoOnUpload = env.bool('ALT_TEXT_AUTO_ON_UPLOAD');
  // `i18n` or a list (`en,fr,de`); `all` or a list of sources (`admin,api-token`).
  const listOr = (name, word) => (env(name) === word ? word : env.array(name));
  if (env('ALT_TEXT_LOCALES')) settings.locales = listOr('ALT_TEXT_LOCALES', 'i18n');
  if (env('ALT_TEXT_UPLOAD_SOURCES')) settings.uploadSources = listOr('ALT_TEXT_UPLOAD_SOURCES', 'all');
  return settings;
};

/**
 * Tests only: more plugin settings as a JSON object (e.g. a key the plugin does not know), so a
 * test can prove that a bad configuration stops the boot with a message naming the key. JSON has
 * no `undefined`: `null` stands for a key named with no value, as `baseUrl: env('UNSET')` names it.
 */
const extraConfig = (env) => {
  if (!env('ALT_TEXT_EXTRA_CONFIG')) return {};
  const extra = JSON.parse(env('ALT_TEXT_EXTRA_CONFIG'));
  return Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, value === null ? undefined : value]));
};

module.exports = ({ env }) => ({
  ...(env('S3_ENDPOINT') ? { upload: s3Upload(env) } : {}),
  // Localized alt text is served through GraphQL too (issue 14). Apollo's landing page loads its
  // sandbox from a CDN, which an offline playground cannot reach; the limits are Strapi's advice.
  graphql: {
    enabled: true,
    config: { landingPage: false, defaultLimit: 25, maxLimit: 100, depthLimit: 10 },
  },
  'auto-alt-text': {
    // Benchmarks compare uploads with the plugin against the same app without it.
    enabled: env.bool('AUTO_ALT_TEXT_ENABLED', true),
    resolve: pluginRoot,
    config: {
      ...fromEnv(env),
      ...extraConfig(env),
    },
  },
});
