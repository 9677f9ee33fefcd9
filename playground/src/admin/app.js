export default {
  config: {
    locales: ['fr', 'de'],
    // Offline playground: the admin would otherwise ask GitHub for release notes and log errors.
    notifications: { releases: false },
    tutorials: false,
  },
  bootstrap() {},
};
