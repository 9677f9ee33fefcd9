'use strict';

// Lets an app load the plugin by path (`resolve`) or as an installed package.
module.exports = require('./dist/server/index.js');
