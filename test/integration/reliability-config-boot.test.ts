import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BootAttempt, BootOutcome } from '../reliability/boot-child';
import { playgroundEnv } from '../harness/playground-env';
import { createTestDatabase, type TestDatabase } from '../harness/test-database';
import { sharedS3 } from '../harness/test-s3';

/**
 * Reliability suite, validation at boot: plugin configuration with an unknown key, a negative or
 * huge concurrency, an unknown provider or language stops `createStrapi().load()` with a message
 * that names the plugin and the key — in a child process, through Strapi's own plugin loader.
 */
const PREFIX = 'Error regarding auto-alt-text config: [auto-alt-text] invalid plugin configuration: ';

describe('plugin configuration is validated at boot', () => {
  let child: ChildProcess;
  let database: TestDatabase | undefined;
  let baseEnv: Record<string, string>;
  let nextId = 0;
  const waiting = new Map<number, (outcome: BootOutcome) => void>();

  const boot = (env: Record<string, string>) =>
    new Promise<BootOutcome>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      child.once('exit', (code) => reject(new Error(`boot child exited with ${code}`)));
      child.send({ id, attempt: { env: { ...baseEnv, ...env } } satisfies BootAttempt });
    });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    baseEnv = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      ...playgroundEnv({ s3: { ...sharedS3(), rootPath: `boot-${randomBytes(4).toString('hex')}` }, database }),
      ALT_TEXT_API_KEY: 'boot-test-key-0000',
    };
    child = fork(path.join(__dirname, '../reliability/boot-child.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ALT_TEXT_'))) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('message', (message: { id: number; outcome: BootOutcome }) => {
      waiting.get(message.id)?.(message.outcome);
      waiting.delete(message.id);
    });
  });

  afterAll(async () => {
    child?.kill();
    await database?.drop();
  });

  test.each([
    ['an unknown key', { ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ colour: 'red' }) }, '"colour" is not a key this plugin knows'],
    ['a negative concurrency', { ALT_TEXT_CONCURRENCY: '-1' }, '"concurrency" Too small: expected number to be >=1'],
    ['a huge concurrency', { ALT_TEXT_CONCURRENCY: '1000000' }, '"concurrency" Too big: expected number to be <=32'],
    ['an unknown provider', { ALT_TEXT_PROVIDER: 'skynet' }, '"provider" Invalid option: expected one of "alttextlab"|"alttextai"|"openai"'],
    ['an unknown language', { ALT_TEXT_LANG: 'english!' }, '"lang" must be a language code such as "en", "de" or "en-gb"'],
  ])('%s stops the boot with a message naming the key', async (_name, env, expected) => {
    const outcome = await boot(env);
    expect(outcome).toEqual({ ok: false, message: `${PREFIX}${expected}` });
  });

  test('several mistakes are all named in one message', async () => {
    const outcome = await boot({ ALT_TEXT_PROVIDER: 'skynet', ALT_TEXT_CONCURRENCY: '-1', ALT_TEXT_LANG: 'english!', ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ colour: 'red', size: 3 }) });
    expect(outcome.ok).toBe(false);
    const message = (outcome as { message: string }).message;
    expect(message.startsWith(PREFIX)).toBe(true);
    for (const key of ['"provider"', '"lang"', '"concurrency"', '"colour"', '"size"']) expect(message).toContain(key);
  });

  test('the same environment without the mistakes boots (the failures above are the validator, not the harness)', async () => {
    expect(await boot({})).toEqual({ ok: true });
  });
});
