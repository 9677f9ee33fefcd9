import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import services from './services';
import controllers from './controllers';
import routes from './routes';

export default {
  register,
  bootstrap,
  destroy,
  config,
  services,
  controllers,
  routes,
  contentTypes: {},
  policies: {},
  middlewares: {},
};
