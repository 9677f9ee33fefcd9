import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

export interface DaemonSpec {
  name: string;
  command: string;
  args: string[];
  /** Where the daemon's stdout and stderr go. */
  outputFile: string;
  /** The daemon's own log files, quoted in errors after its output. */
  logFiles?: string[];
}

export interface Daemon {
  readonly name: string;
  readonly pid: number;
  /** null while running; a description such as "exit code 1" once it has stopped. */
  exitReason(): string | null;
  /** SIGKILL, then resolves once the kernel has reaped it. */
  kill(): Promise<void>;
  /** The last lines of its output and logs, for error messages. */
  logTail(lines?: number): string;
}

// If the test process exits without calling stop() (a crash, a forgotten teardown) the daemons
// must not outlive it: they hold ports and memory. Only our own pids are ever signalled.
const livePids = new Set<number>();
let exitHookInstalled = false;
function killLiveDaemonsOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of livePids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

export function startDaemon(spec: DaemonSpec): Daemon {
  killLiveDaemonsOnExit();
  const output = openSync(spec.outputFile, 'a');
  const child = spawn(spec.command, spec.args, { stdio: ['ignore', output, output] });
  closeSync(output);
  if (child.pid === undefined) throw new Error(`${spec.name}: could not start ${spec.command}`);
  const pid = child.pid;
  livePids.add(pid);

  let reason: string | null = null;
  const exited = new Promise<void>((resolve) => {
    const settle = (why: string): void => {
      reason ??= why;
      livePids.delete(pid);
      resolve();
    };
    child.once('exit', (code, signal) => settle(signal ? `killed by ${signal}` : `exit code ${code}`));
    child.once('error', (error) => settle(error.message));
  });

  return {
    name: spec.name,
    pid,
    exitReason: () => reason,
    async kill() {
      if (reason === null) child.kill('SIGKILL');
      await exited;
    },
    logTail: (lines = 25) =>
      [spec.outputFile, ...(spec.logFiles ?? [])].map((file) => `--- ${file}\n${tailOf(file, lines)}`).join('\n'),
  };
}

function tailOf(file: string, lines: number): string {
  if (!existsSync(file)) return '(no file)';
  const text = readFileSync(file, 'utf8').trimEnd();
  return text ? text.split('\n').slice(-lines).join('\n') : '(empty)';
}
