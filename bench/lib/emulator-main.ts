/**
 * The provider emulator in its own process, so the CPU it spends fetching and decoding images
 * (a hosted provider's work) is not charged to the Strapi process being measured. Records the
 * duration of every generation call from its request log.
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
  cpu() {
    return process.cpuUsage();
  },
  async stop() {
    await emulator?.close();
    setImmediate(() => process.exit(0));
  },
});
