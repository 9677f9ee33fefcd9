/**
 * The provider emulator in its own process, so the CPU it spends fetching and decoding images
 * (a hosted provider's work) is not charged to the Strapi process being measured. Records the
 * duration of every generation call from its request log; its recorder says when each call
 * arrived and the most that were in flight at once.
 */
import { startEmulator, type Emulator, type Faults } from '../../emulator/server';
import { serve } from './ipc';

interface Call {
  at: number;
  ms: number;
  status: string;
}

let emulator: Emulator | undefined;
const calls: Call[] = [];
const GENERATE = /^POST \S+\/(alt-text\/generate|generate|chat\/completions)\S* (\S+) (\d+)ms/;

const running = (): Emulator => {
  if (!emulator) throw new Error('emulator not started');
  return emulator;
};

serve({
  async start(args) {
    emulator = await startEmulator({
      accounts: [{ key: String(args.key), credits: Number(args.credits) }],
      log: (line) => {
        const match = GENERATE.exec(line);
        if (match) calls.push({ at: Date.now(), ms: Number(match[3]), status: match[2] });
      },
    });
    return { url: emulator.url, baseUrls: emulator.baseUrls };
  },
  setFaults(args) {
    running().setFaults(args.faults as Faults);
  },
  clearFaults() {
    running().clearFaults();
  },
  /** Generation calls answered since `since` (ms epoch): their count, statuses and durations. */
  calls(args) {
    const since = Number(args.since ?? 0);
    const until = Number(args.until ?? Number.MAX_SAFE_INTEGER);
    const selected = calls.filter((call) => call.at >= since && call.at <= until);
    const statuses: Record<string, number> = {};
    for (const call of selected) statuses[call.status] = (statuses[call.status] ?? 0) + 1;
    return { count: selected.length, statuses, durationsMs: selected.map((call) => call.ms), at: selected.map((call) => call.at) };
  },
  /**
   * Forgets the recorded requests and the most calls seen in flight (and clears the faults: set
   * them again after), so `recorded` describes one run.
   */
  resetRecorder() {
    running().reset();
  },
  /** Since the last `resetRecorder`: when each generation call arrived, and the most in flight at once. */
  recorded() {
    return { arrivals: running().requests.map((request) => request.at), maxInFlight: running().maxInFlight() };
  },
  cpu() {
    return process.cpuUsage();
  },
  async stop() {
    await emulator?.close();
    setImmediate(() => process.exit(0));
  },
});
