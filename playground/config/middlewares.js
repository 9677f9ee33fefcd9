/** The admin shows thumbnails straight from the (presigned) S3 endpoint, so CSP must allow it. */
module.exports = ({ env }) => {
  const s3 = env('S3_ENDPOINT');
  const extra = s3 ? [new URL(s3).origin] : [];
  return [
    'strapi::logger',
    'strapi::errors',
    {
      name: 'strapi::security',
      config: {
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            'connect-src': ["'self'", 'https:'],
            'img-src': ["'self'", 'data:', 'blob:', ...extra],
            'media-src': ["'self'", 'data:', 'blob:', ...extra],
            upgradeInsecureRequests: null,
          },
        },
      },
    },
    'strapi::cors',
    'strapi::poweredBy',
    'strapi::query',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
