import * as React from 'react';
import { useQueryClient } from 'react-query';
import type { RunView } from '../../../shared/contracts/runs';
import { queryKeys } from '../utils/queryKeys';

/** Keeps coverage, credits, failures and the media list in step with a run as it advances. */
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
    if (run && run.status !== 'running') void client.invalidateQueries(queryKeys.credits);
  }, [progress]); // eslint-disable-line react-hooks/exhaustive-deps
};
