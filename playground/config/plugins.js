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

/** Queue tuning from the environment, only where set (tests make it fast; defaults are the plugin's). */
const queueTuning = (env) => {
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
  };
  const tuning = {};
  for (const [key, name] of Object.entries(ints)) if (env(name)) tuning[key] = env.int(name);
  if (env('ALT_TEXT_REQUESTS_PER_SECOND')) tuning.requestsPerSecond = env.float('ALT_TEXT_REQUESTS_PER_SECOND');
  return tuning;
};

/**
 * Tests only: more plugin settings as a JSON object (e.g. a key the plugin does not know), so a
 * test can prove that a bad configuration stops the boot with a message naming the key.
 */
const extraConfig = (env) => (env('ALT_TEXT_EXTRA_CONFIG') ? JSON.parse(env('ALT_TEXT_EXTRA_CONFIG')) : {});

module.exports = ({ env }) => ({
  ...(env('S3_ENDPOINT') ? { upload: s3Upload(env) } : {}),
  'auto-alt-text': {
    // Benchmarks compare uploads with the plugin against the same app without it.
    enabled: env.bool('AUTO_ALT_TEXT_ENABLED', true),
    resolve: pluginRoot,
    config: {
      provider: env('ALT_TEXT_PROVIDER', 'alttextlab'),
      apiKey: env('ALT_TEXT_API_KEY'),
      baseUrl: env('ALT_TEXT_BASE_URL'),
      lang: env('ALT_TEXT_LANG', 'en'),
      ...queueTuning(env),
      style: env('ALT_TEXT_STYLE', 'neutral'),
      autoOnUpload: env.bool('ALT_TEXT_AUTO_ON_UPLOAD', true),
      presignExpiresSeconds: env.int('ALT_TEXT_PRESIGN_EXPIRES_SECONDS', 60),
      imageDelivery: env('ALT_TEXT_IMAGE_DELIVERY', 'auto'),
      inlineMaxEdge: env.int('ALT_TEXT_INLINE_MAX_EDGE', 2048),
      ...extraConfig(env),
    },
  },
});
