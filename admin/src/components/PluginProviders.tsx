import * as React from 'react';
import { useDesignSystem } from '@strapi/design-system';
import { IntlContext, IntlProvider } from 'react-intl';
import { QueryClient, QueryClientProvider } from 'react-query';
import { getTranslation } from '../utils/getTranslation';
import { messagesFor } from '../utils/translations';

/**
 * Strapi's admin has a QueryClientProvider and an IntlProvider, but a plugin only shares them when
 * `react-query` / `react-intl` resolve to the admin's own copies. The plugin SDK bundles every
 * package not listed in package.json dependencies/peerDependencies, so each plugin entry point
 * (pages, widget) gets its own query client here, and the plugin's messages when the surrounding
 * intl context is not the one `registerTrads` filled.
 */
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } },
});

const PluginIntl = ({ children }: { children: React.ReactNode }) => {
  const outer = React.useContext(IntlContext);
  const { locale } = useDesignSystem('AutoAltText');
  const messages = React.useMemo(() => messagesFor(locale), [locale]);
  if (outer?.messages[getTranslation('plugin.name')]) return <>{children}</>;
  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={messages} textComponent="span">
      {children}
    </IntlProvider>
  );
};

export const PluginProviders = ({ children }: { children: React.ReactNode }) => (
  <QueryClientProvider client={queryClient}>
    <PluginIntl>{children}</PluginIntl>
  </QueryClientProvider>
);

/** Wraps an entry component (page, widget) in the providers above. */
export const withPluginProviders = <P extends object>(Component: React.ComponentType<P>) => {
  const Wrapped = (props: P) => (
    <PluginProviders>
      <Component {...props} />
    </PluginProviders>
  );
  Wrapped.displayName = `withPluginProviders(${Component.displayName ?? Component.name})`;
  return Wrapped;
};
