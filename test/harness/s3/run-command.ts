import { execFile } from 'node:child_process';

/** Runs a short-lived command and returns its stdout; the error quotes its stderr. */
export function runCommand(command: string, args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const why = error.killed ? `timed out after ${timeoutMs} ms` : error.message.split('\n')[0];
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${stderr.trim()}`));
    });
  });
}

export async function withRetries<T>(
  attempts: number,
  delayMs: number,
  action: () => Promise<T>,
  onRetry: (error: unknown, attempt: number) => void = () => undefined,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await action();
    } catch (error) {
      lastError = error;
      if (attempt >= attempts) break;
      onRetry(error, attempt);
      await sleep(delayMs);
    }
  }
  throw lastError;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
