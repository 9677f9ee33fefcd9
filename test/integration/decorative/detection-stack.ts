import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

const DECORATIVE = 'plugin::auto-alt-text.decorative';

export interface DetectionStack {
  emulator: Emulator;
  app: PlaygroundApp;
  admin: Api;
  apiKey: string;
  /** File ids by the names given to `uploadAll`. */
  ids: Record<string, number>;
  /** The file's latest job once it has ended. */
  jobOf(fileId: number): Promise<{ status: string; errorMessage: string | null }>;
  markOf(fileId: number): Promise<{ status: string; reason: string | null } | null>;
  stop(): Promise<void>;
}

/**
 * A playground with `detectDecorative: true` on `provider`, against the emulator, with an admin,
 * and these images uploaded through the REST API (`<name>.png`) and their jobs ended.
 */
export const startDetectionStack = async (provider: 'alttextlab' | 'openai', uploads: Array<[string, Buffer | Promise<Buffer>]>): Promise<DetectionStack> => {
  const apiKey = `detect-key-${randomBytes(10).toString('hex')}`;
  const emulator = await startEmulator({ accounts: [{ key: apiKey, credits: 100 }] });
  const app = await bootPlayground({
    env: {
      ALT_TEXT_PROVIDER: provider,
      ALT_TEXT_API_KEY: apiKey,
      ALT_TEXT_BASE_URL: emulator.baseUrls[provider],
      ...(provider === 'openai' ? { ALT_TEXT_MODEL: 'emulator-vision' } : {}),
      ALT_TEXT_POLL_INTERVAL_MS: '100',
      ALT_TEXT_REQUESTS_PER_SECOND: '0',
      ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
      ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ detectDecorative: true }),
    },
  }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  const stack: DetectionStack = {
    emulator,
    app,
    admin: apiFor(app, await registerSuperAdmin(app)),
    apiKey,
    ids: {},
    jobOf: (fileId) =>
      waitFor(`file #${fileId}'s job to end`, async () => {
        const jobs = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ where: { fileId }, orderBy: { id: 'desc' } })) as Array<{ status: string; errorMessage: string | null }>;
        return jobs.find((job) => !['pending', 'running'].includes(job.status));
      }),
    markOf: async (fileId) => (await app.strapi.db.query(DECORATIVE).findOne({ where: { fileId } })) as { status: string; reason: string | null } | null,
    async stop() {
      await app.stop();
      await emulator.close();
    },
  };
  for (const [name, bytes] of uploads) {
    const result = await uploadThroughApi(app, { bytes: await bytes, name: `${name}.png`, mime: 'image/png' });
    if (result.status !== 201) throw new Error(`uploading ${name}.png answered ${result.status}`);
    stack.ids[name] = result.files[0].id;
  }
  for (const id of Object.values(stack.ids)) await stack.jobOf(id);
  await pluginServices(app.strapi).queue.idle();
  return stack;
};
