import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { parseAccounts } from '../../../emulator/main';
import { call, solidPng } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');

describe('parseAccounts', () => {
  it('reads key:credits pairs with an optional plan', () => {
    expect(parseAccounts('demo-key:1000, other:5:Pro')).toEqual([
      { key: 'demo-key', credits: 1000, plan: undefined },
      { key: 'other', credits: 5, plan: 'Pro' },
    ]);
  });

  it('refuses an entry without a credit count rather than ignoring it', () => {
    expect(() => parseAccounts('demo-key')).toThrow('key:credits');
  });
});

describe('emulator CLI', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  /** Starts main.ts on a free port and resolves with its URL once it says it is listening. */
  function startCli(env: Record<string, string>): Promise<{ url: string; output: () => string }> {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'emulator/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', ...env },
    });
    child = proc;
    let output = '';
    return new Promise((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/[^\s]+)/.exec(output);
        if (match) resolve({ url: match[1], output: () => output });
      });
      proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proc.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
    });
  }

  it('serves the accounts from EMULATOR_ACCOUNTS, logs without secrets, and exits on SIGTERM', async () => {
    const { url, output } = await startCli({ EMULATOR_ACCOUNTS: 'cli-key-3141:2' });
    const image = (await solidPng(3, 3, '#000000')).toString('base64');

    const generated = await call(`${url}/alttextlab/api/v1/alt-text/generate`, {
      headers: { 'x-api-key': 'cli-key-3141' },
      body: { imageRaw: image },
    });
    const info = await call(`${url}/alttextlab/api/v1/subscriptions/info?apiKey=cli-key-3141`, {
      headers: { 'x-api-key': 'cli-key-3141' },
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve));
    child?.kill('SIGTERM');

    expect(generated.status).toBe(200);
    expect(info.body.credits).toBe(1);
    expect(await exited).toBe(0);
    expect(output()).toContain('POST /alttextlab/api/v1/alt-text/generate 200');
    expect(output()).toContain('GET /alttextlab/api/v1/subscriptions/info 200');
    expect(output()).not.toContain('cli-key-3141');
  }, 30_000);
});
