import * as React from 'react';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useContentManagerLocale, useModelHoldsImages } from '../../hooks/useContentManagerModel';
import { usePluginPermissions } from '../../hooks/usePluginPermissions';
import { useT } from '../../hooks/useT';

// Loaded when an entry with images is opened, not with every admin page.
const EntryImagesPanel = React.lazy(() => import('./EntryImagesPanel'));

/**
 * The entry editor's "Alt text" panel (content-manager `addEditViewSidePanel`): only for app
 * content types whose entries can use images, and only for an admin with the plugin's Read permission.
 */
export const AltTextPanel: PanelComponent = ({ model, documentId, document }) => {
  // A single type's editor has no id in its URL: its document says which it is.
  const t = useT();
  const { isLoading, canRead, canGenerate } = usePluginPermissions();
  const holdsImages = useModelHoldsImages(model);
  const locale = useContentManagerLocale();
  if (isLoading || !canRead || !holdsImages) return null;
  return {
    title: t('entryPanel.title', 'Alt text'),
    content: (
      <React.Suspense fallback={null}>
        <EntryImagesPanel
          model={model}
          documentId={documentId ?? (document?.documentId as string | undefined) ?? null}
          locale={(document?.locale as string | null | undefined) ?? locale}
          savedAt={(document?.updatedAt as string | undefined) ?? null}
          canGenerate={canGenerate}
        />
      </React.Suspense>
    ),
  };
};
