const path = require('path');

// config/ and src/ run from the app folder in tests and `strapi develop`, and from dist/ after
// `strapi build`; paths must not depend on which.
const here = path.resolve(__dirname, '..');
const appRoot = path.basename(here) === 'dist' ? path.dirname(here) : here;

module.exports = {
  appRoot,
  // The plugin is the repository that holds this playground (its built dist/).
  pluginRoot: path.resolve(appRoot, '..'),
};
