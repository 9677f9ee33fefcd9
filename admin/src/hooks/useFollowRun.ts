import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useQueryClient } from 'react-query';
import type { RunView } from '../../../shared/contracts/runs';
import { queryKeys } from '../utils/queryKeys';
import { useT } from './useT';

/** Keeps coverage, credits, failures, the media list, the suggestions awaiting review and (once it stops) the run history in step with a run as it advances. */
export const useFollowRun = (run: RunView | undefined) => {
  const client = useQueryClient();
  const progress = run ? `${run.status}:${run.counts.done}:${run.counts.failed}:${run.counts.skipped}` : '';
  const first = React.useRef(true);
  React.useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void client.invalidateQueries(queryKeys.mediaRoot);
    void client.invalidateQueries(queryKeys.status);
    void client.invalidateQueries(queryKeys.failuresRoot);
    // With `review` on, the run's texts arrive as suggestions: the dashboard's notice counts them.
    void client.invalidateQueries(queryKeys.reviewRoot);
    if (run && run.status !== 'running') {
      void client.invalidateQueries(queryKeys.credits);
      void client.invalidateQueries(queryKeys.runHistoryRoot);
    }
  }, [progress]); // eslint-disable-line react-hooks/exhaustive-deps
};

/** A run started in this tab announces its end (done or cancelled elsewhere) with a toast, once. */
export const useAnnounceEnd = (run: RunView | undefined, startedHere: boolean) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const seenRunning = React.useRef(false);
  React.useEffect(() => {
    if (!run || !startedHere) return;
    if (run.status === 'running' || run.status === 'paused') {
      seenRunning.current = true;
      return;
    }
    if (!seenRunning.current) return;
    seenRunning.current = false;
    toggleNotification(
      run.status === 'done'
        ? {
            type: run.counts.failed > 0 ? 'warning' : 'success',
            message: t('run.finished', 'Run #{id} finished: {done, plural, one {# image described} other {# images described}}, {failed} failed.', { id: run.id, done: run.counts.done, failed: run.counts.failed }),
          }
        : { type: 'info', message: t('run.cancelledToast', 'Run #{id} was cancelled.', { id: run.id }) }
    );
  }, [run?.status, startedHere]); // eslint-disable-line react-hooks/exhaustive-deps
};
