import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useT } from '../hooks/useT';

interface ConfirmDialogProps {
  title: string;
  /** What will happen and what it costs, in a sentence or two. */
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action that replaces a person's work (Strapi's alert dialog: focus starts on Cancel, Escape cancels). */
export const ConfirmDialog = ({ title, body, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) => {
  const t = useT();
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => (open ? undefined : onCancel())}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          <Dialog.Description>{body}</Dialog.Description>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary">
              {t('confirm.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button fullWidth variant="danger-light" onClick={onConfirm} data-testid="confirm-action">
              {confirmLabel}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
