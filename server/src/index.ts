import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import services from './services';
import controllers from './controllers';
import routes from './routes';

/** For code that calls the plugin from the app (scripts, `strapi console`, other plugins): docs/service-api.md. */
export type { AutoAltTextServices } from './services/get-service';
export type { RunScope, RunView, EstimateView } from '../../shared/contracts/runs';

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
