import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useQueryClient } from 'react-query';
import type { RunView } from '../../../shared/contracts/runs';
import { nextRunAnnouncement, type AnnouncedRun, type RunAnnouncementKind } from '../utils/runAnnouncement';
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

/**
 * The sentence a screen reader should hear about the run now (see `nextRunAnnouncement` for the
 * pace); it stays the same between announcements, so a live region showing it speaks only then.
 */
export const useRunAnnouncement = (run: RunView | undefined, sent: number): string => {
  const t = useT();
  const last = React.useRef<AnnouncedRun | null>(null);
  const [sentence, setSentence] = React.useState('');
  const percent = run ? Math.round(run.progressPercent) : 0;
  React.useEffect(() => {
    if (!run) return;
    const { say, remember } = nextRunAnnouncement(last.current, { status: run.status, percent }, Date.now());
    last.current = remember;
    if (!say) return;
    const values = { id: run.id, percent, done: run.counts.done, sent, failed: run.counts.failed };
    const sentences: Record<RunAnnouncementKind, () => string> = {
      progress: () => t('run.announce.progress', 'Run #{id}: {percent} % done, {done} of {sent} images.', values),
      paused: () => t('run.announce.paused', 'Run #{id} paused at {percent} %.', values),
      resumed: () => t('run.announce.resumed', 'Run #{id} resumed.', values),
      done: () => t('run.finished', 'Run #{id} finished: {done, plural, one {# image described} other {# images described}}, {failed} failed.', values),
      cancelled: () => t('run.cancelledToast', 'Run #{id} was cancelled.', values),
    };
    setSentence(sentences[say]());
  }, [run?.status, percent]); // eslint-disable-line react-hooks/exhaustive-deps -- said on a change of status or percent only
  return sentence;
};
