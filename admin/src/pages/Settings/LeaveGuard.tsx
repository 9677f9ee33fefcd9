import * as React from 'react';
import { useBlocker } from 'react-router-dom';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useT } from '../../hooks/useT';

/** Closing or reloading the tab with unsaved settings: the browser's own "Leave site?" question. */
export const useLeaveGuard = (dirty: boolean) => {
  React.useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
};

/** Leaving the settings page inside the admin with unsaved changes asks first (as Strapi's own forms do). */
export const LeaveDialog = ({ dirty }: { dirty: boolean }) => {
  const t = useT();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title={t('settings.leave.title', 'Leave without saving?')}
      body={t('settings.leave.body', 'Your changes to these settings are not saved yet. Leave the page and lose them?')}
      confirmLabel={t('settings.leave.confirm', 'Leave')}
      onConfirm={() => blocker.proceed()}
      onCancel={() => blocker.reset()}
    />
  );
};
