import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `npm run demo -- --smoke <args>` on a free port, against the emulator: its exit code and everything it printed. */
const runDemoSmoke = async (args: string[] = []) => {
  const port = await freePort();
  const child = spawn('node', ['-r', '@swc-node/register', 'scripts/demo.ts', '--smoke', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ALT_TEXT_API_KEY: '', ALT_TEXT_BASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { port, exitCode, output };
};

describe('npm run demo (the README command), in its --smoke form', () => {
  // One run of the plain smoke serves the first two tests: each run boots everything anew.
  let plain: Awaited<ReturnType<typeof runDemoSmoke>>;
  beforeAll(async () => {
    plain = await runDemoSmoke();
  }, 300000);

  test('starts a private bucket, the emulator and the playground, and an uploaded image gets alt text', () => {
    const { port, exitCode, output } = plain;
    expect({ exitCode, tail: output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    expect(output).toMatch(/private bucket "media" on (radosgw|s3rver)/);
    expect(output).toContain('smoke: an uploaded 120×80 blue PNG got the alt text "A 120×80 image dominated by blue');
    // Strapi's Media Library loads thumbnails with crossorigin="anonymous": the bucket must answer CORS for the admin.
    expect(output).toContain(`smoke: its thumbnail loads in the admin (Access-Control-Allow-Origin: http://127.0.0.1:${port})`);
    expect(output).toContain('smoke: GET /favicon.ico answered 200 image/');
  });

  test('seeds blog posts in en, fr and de whose pictures are described in each locale from that locale\'s post', () => {
    const { exitCode, output } = plain;
    expect({ exitCode, tail: output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    expect(output).toContain('smoke: seeded 3 blog posts, each in en, fr, de, with 5 pictures');
    // The French text, served to a French reader: written in French ("[fr]"), from the French post's SEO keywords.
    expect(output).toMatch(/smoke: a French reader of "Trois jours sur la Blue Ridge" gets its cover's alt text "\[fr\] A 960×640 image [^"]*; keywords: randonnée, crête, automne/);
    expect(output).toContain('smoke: the emulator got 15 calls for them (5 pictures × 3 locales), each with its locale\'s SEO keywords first');
  });

  test('--key-in-admin starts without a key: Verify refuses a wrong one, saved anyway it pauses the queue, the demo key and Resume describe the upload', async () => {
    const { exitCode, output } = await runDemoSmoke(['--key-in-admin']);

    expect({ exitCode, tail: output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    expect(output).toContain('smoke: before a key is saved, the key\'s source is "none"');
    expect(output).toContain('smoke: Verify with a wrong key: refused');
    expect(output).toContain('smoke: with the wrong key saved, the upload paused the queue: INVALID_KEY');
    expect(output).toContain('smoke: the demo key was saved in Settings and the queue resumed');
    expect(output).toContain('smoke: an uploaded 120×80 blue PNG got the alt text "A 120×80 image dominated by blue');
    // No key at boot: the seed spends nothing, its pictures are left for a run.
    expect(output).toContain('smoke: seeded 3 blog posts, each in en, fr, de, with 5 pictures');
    expect(output).toContain('smoke: the seeded pictures wait for a Missing alt text run (no alt text yet)');
  }, 300000);
});
