import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import services from './services';

export default {
  register,
  bootstrap,
  destroy,
  config,
  services,
  controllers: {},
  routes: {},
  contentTypes: {},
  policies: {},
  middlewares: {},
};
