/**
 * What a screen reader hears of a bulk run: the live region's sentence changes once per 10 % step
 * and at most every 5 s while the run goes on, and at once when it pauses, resumes or ends.
 */
import { ANNOUNCE_EVERY_MS, nextRunAnnouncement, type AnnouncedRun, type RunAnnouncementKind } from '../../../admin/src/utils/runAnnouncement';
import type { RunStatus } from '../../../shared/vocabulary';

/** Feeds the polls (one a second, as the dashboard polls a running run) and returns what was said, with when. */
const listen = (polls: Array<{ status: RunStatus; percent: number }>) => {
  let last: AnnouncedRun | null = null;
  const said: Array<{ at: number; say: RunAnnouncementKind }> = [];
  polls.forEach((poll, second) => {
    const { say, remember } = nextRunAnnouncement(last, poll, second * 1000);
    last = remember;
    if (say) said.push({ at: second * 1000, say });
  });
  return said;
};

const running = (percent: number) => ({ status: 'running' as const, percent });

describe('announcing a bulk run', () => {
  test('a run that moves 5 % a second is said every 5 s at most (not on every poll), then its end once', () => {
    const polls = [...Array.from({ length: 21 }, (_, second) => running(second * 5)), { status: 'done' as const, percent: 100 }, { status: 'done' as const, percent: 100 }];
    const said = listen(polls);
    expect(said.map((entry) => entry.say)).toEqual(['progress', 'progress', 'progress', 'progress', 'done']);
    const progress = said.filter((entry) => entry.say === 'progress');
    for (let i = 1; i < progress.length; i += 1) expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(ANNOUNCE_EVERY_MS);
  });

  test('a slow run is said once per 10 % step, not for every percent', () => {
    const polls = Array.from({ length: 60 }, (_, second) => running(Math.floor(second / 2)));
    const said = listen(polls);
    // 0 % → 29 % over a minute: the steps 10 % and 20 %.
    expect(said).toEqual([
      { at: 20_000, say: 'progress' },
      { at: 40_000, say: 'progress' },
    ]);
  });

  test('the first look says nothing: the page just opened on a run, the panel shows it', () => {
    expect(listen([running(40)])).toEqual([]);
    expect(listen([{ status: 'done', percent: 100 }])).toEqual([]);
  });

  test('pause, resume and cancel are said at once, even right after a progress step', () => {
    const said = listen([running(0), running(10), running(20), running(30), running(40), running(50), { status: 'paused', percent: 50 }, running(50), { status: 'cancelled', percent: 50 }]);
    expect(said.map((entry) => entry.say)).toEqual(['progress', 'paused', 'resumed', 'cancelled']);
  });
});
