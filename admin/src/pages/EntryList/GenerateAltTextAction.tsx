import * as React from 'react';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import { useContentManagerLocale, useModelHoldsImages } from '../../hooks/useContentManagerModel';
import { usePluginPermissions } from '../../hooks/usePluginPermissions';
import { useT } from '../../hooks/useT';

// Loaded when the dialog opens, not with every admin page.
const BulkGenerateModal = React.lazy(() => import('./BulkGenerateModal'));

/**
 * The entry list's bulk action (content-manager `addBulkAction`): a run over the images the
 * selected entries use, each described with its entry's context, started after its estimate.
 * Shown to an admin with the plugin's Bulk permission, for app content types whose entries can use images.
 */
export const GenerateAltTextAction: BulkActionComponent = ({ documents, model }) => {
  const t = useT();
  const { isLoading, canBulk } = usePluginPermissions();
  const holdsImages = useModelHoldsImages(model);
  const locale = useContentManagerLocale();
  const ids = documents.map((document) => document.documentId).join(',');
  // One component per selection, so the dialog description stays equal between renders.
  const Content = React.useMemo(() => {
    const documentIds = ids.split(',').filter(Boolean);
    const Dialog = ({ onClose }: { onClose: () => void }) => (
      <React.Suspense fallback={null}>
        <BulkGenerateModal model={model} documentIds={documentIds} locale={locale} onClose={onClose} />
      </React.Suspense>
    );
    return Dialog;
  }, [ids, model, locale]);
  if (isLoading || !canBulk || !holdsImages) return null;
  const label = t('entryBulk.label', 'Generate alt text for images');
  return { label, variant: 'tertiary', dialog: { type: 'modal', title: label, content: Content } };
};
