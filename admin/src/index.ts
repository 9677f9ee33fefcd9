import { Magic } from '@strapi/icons';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';
import { AltTextPanel } from './pages/EntryEditor/AltTextPanel';
import { GenerateAltTextAction } from './pages/EntryList/GenerateAltTextAction';
import { PLUGIN_ID } from './pluginId';
import { RBAC } from './permissions';
import { getTranslation } from './utils/getTranslation';
import { prefixKeys } from './utils/prefixKeys';

type TranslationModule = { default: Record<string, string> };

const name = { id: getTranslation('plugin.name'), defaultMessage: 'Auto Alt Text' };

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Magic,
      intlLabel: name,
      permissions: RBAC.read,
      Component: () => import('./pages/Dashboard'),
    });

    // One link, not a list of one: the list form is typed only in Strapi releases after 5.44.
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: name },
      {
        id: `${PLUGIN_ID}-settings`,
        to: PLUGIN_ID,
        intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Configuration' },
        permissions: RBAC.settings,
        Component: () => import('./pages/Settings'),
      }
    );

    app.widgets.register({
      id: 'coverage',
      pluginId: PLUGIN_ID,
      icon: Magic,
      title: { id: getTranslation('widget.title'), defaultMessage: 'Alt text coverage' },
      link: { label: { id: getTranslation('widget.link'), defaultMessage: 'Open Auto Alt Text' }, href: `/plugins/${PLUGIN_ID}` },
      permissions: RBAC.read,
      component: () => import('./components/CoverageWidget').then((mod) => mod.default),
    });
  },

  bootstrap(app: Pick<StrapiApp, 'getPlugin'>) {
    // The content-manager's extension points: a side panel in the entry editor, a bulk action in the entry list.
    const contentManager = app.getPlugin('content-manager').apis as ContentManagerPlugin['config']['apis'];
    contentManager.addEditViewSidePanel([AltTextPanel]);
    contentManager.addBulkAction((actions) => {
      const deleteAt = actions.findIndex((action) => action.type === 'delete');
      return deleteAt < 0 ? [...actions, GenerateAltTextAction] : [...actions.slice(0, deleteAt), GenerateAltTextAction, ...actions.slice(deleteAt)];
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as TranslationModule;
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
