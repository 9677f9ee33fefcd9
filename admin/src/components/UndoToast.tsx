import * as React from 'react';
import { Box, Button, Flex, IconButton, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useT } from '../hooks/useT';

/** How long the offer to undo stays on screen (History keeps the earlier text for good). */
const UNDO_SHOWN_MS = 30_000;

interface UndoToastProps {
  message: string;
  onUndo: () => void;
  onDismiss: () => void;
  undoing: boolean;
}

/**
 * A toast with an Undo button (Strapi's notifications take a link, not an action): bottom right,
 * announced politely, gone after 30 s or when dismissed.
 */
export const UndoToast = ({ message, onUndo, onDismiss, undoing }: UndoToastProps) => {
  const t = useT();
  React.useEffect(() => {
    const timer = setTimeout(onDismiss, UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  return (
    <Box position="fixed" bottom={6} right={6} zIndex={4} background="neutral800" hasRadius shadow="popupShadow" padding={4} role="status" data-testid="undo-toast" style={{ maxWidth: 440 }}>
      <Flex gap={3} alignItems="center">
        <Typography textColor="neutral0">{message}</Typography>
        <Button variant="secondary" size="S" onClick={onUndo} loading={undoing}>
          {t('undo.button', 'Undo')}
        </Button>
        <IconButton label={t('undo.dismiss', 'Dismiss')} variant="ghost" onClick={onDismiss}>
          <Cross fill="neutral0" />
        </IconButton>
      </Flex>
    </Box>
  );
};
