module.exports = {
  register() {},
  /**
   * `npm run demo` sets PLAYGROUND_SEED=demo: blog posts in en, fr and de with their pictures
   * (src/demo-seed). Tests and benchmarks never set it and boot an empty app.
   */
  async bootstrap({ strapi }) {
    if (process.env.PLAYGROUND_SEED !== 'demo') return;
    const { seedDemo } = require('./demo-seed');
    await seedDemo(strapi, { describe: process.env.PLAYGROUND_SEED_DESCRIBE === 'true' });
  },
};
