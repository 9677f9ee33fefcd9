import { Badge, Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { ArrowsCounterClockwise } from '@strapi/icons';
import type { AltTextVersionKind, AltTextVersionView } from '../../../shared/contracts/history';
import { useHistory, useRevertVersion } from '../hooks/useHistory';
import { useNotifyError } from '../hooks/useNotifyError';
import { useT, type Message } from '../hooks/useT';

const KINDS: Record<AltTextVersionKind, Message> = {
  original: { id: 'history.kind.original', defaultMessage: 'Original' },
  generated: { id: 'history.kind.generated', defaultMessage: 'Generated' },
  cached: { id: 'history.kind.cached', defaultMessage: 'Generated (from the cache, no credit)' },
  edited: { id: 'history.kind.edited', defaultMessage: 'Edited' },
  imported: { id: 'history.kind.imported', defaultMessage: 'Imported' },
  approved: { id: 'history.kind.approved', defaultMessage: 'Approved' },
  reverted: { id: 'history.kind.reverted', defaultMessage: 'Reverted' },
  decorative: { id: 'history.kind.decorative', defaultMessage: 'Marked decorative' },
  undecorative: { id: 'history.kind.undecorative', defaultMessage: 'Unmarked decorative' },
};

interface HistoryDialogProps {
  fileId: number;
  name: string;
  /** The list's locale (null: the default locale). */
  locale: string | null;
  canRevert: boolean;
  onClose: () => void;
}

const VersionItem = ({ version, canRevert, onRevert, reverting }: { version: AltTextVersionView; canRevert: boolean; onRevert: () => void; reverting: boolean }) => {
  const t = useT();
  const kind = KINDS[version.kind] ?? { id: 'history.kind.other', defaultMessage: 'Other change' };
  const who =
    version.actor.kind === 'user' ? version.actor.name : version.actor.kind === 'provider' ? version.actor.name : t('history.who.system', 'System');
  const details = [who, new Date(version.createdAt).toLocaleString(), version.lang ? t('history.language', 'language {lang}', { lang: version.lang }) : null].filter(Boolean).join(' · ');
  return (
    <Box padding={3} hasRadius background={version.current ? 'primary100' : 'neutral0'} borderColor="neutral200" data-testid={`version-${version.id}`}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={3}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Flex gap={2}>
            <Badge>{t(kind.id, kind.defaultMessage)}</Badge>
            {version.current ? <Badge variant="success">{t('history.current', 'Current')}</Badge> : null}
          </Flex>
          <Typography textColor={version.text ? 'neutral800' : 'neutral600'}>{version.text || t('history.empty', '(no text)')}</Typography>
          <Typography variant="pi" textColor="neutral600">{details}</Typography>
        </Flex>
        {canRevert && !version.current && version.text ? (
          <Button size="S" variant="secondary" startIcon={<ArrowsCounterClockwise />} onClick={onRevert} loading={reverting}>
            {t('history.revert', 'Revert')}
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
};

/** An image's alt-text versions in the list's locale, newest first, each but the current one revertible. */
export const HistoryDialog = ({ fileId, name, locale, canRevert, onClose }: HistoryDialogProps) => {
  const t = useT();
  const onError = useNotifyError();
  const history = useHistory(fileId, locale);
  const revert = useRevertVersion();
  return (
    <Modal.Root open onOpenChange={(open: boolean) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('history.title', 'History of {name}', { name })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={2} data-testid="history-dialog">
            {history.isLoading ? <Loader small>{t('history.loading', 'Loading history')}</Loader> : null}
            {history.data?.rows.length === 0 ? <Typography textColor="neutral600">{t('history.none', 'No change made through the plugin yet.')}</Typography> : null}
            {history.data?.rows.map((version) => (
              <VersionItem
                key={version.id}
                version={version}
                canRevert={canRevert}
                reverting={revert.isLoading && revert.variables?.versionId === version.id}
                onRevert={() => revert.mutate({ id: fileId, versionId: version.id }, { onError })}
              />
            ))}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('history.close', 'Close')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
