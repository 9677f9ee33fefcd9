/**
 * Boots the playground app in this (child) process with the environment its parent sends, once per
 * message, and answers whether `createStrapi().load()` succeeded or the error it failed with.
 * Used to prove that a bad plugin configuration stops the boot with a message naming the key.
 * Only failing boots may come before a successful one: two loaded apps cannot share a process.
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';

const PLAYGROUND_DIR = path.resolve(__dirname, '../../playground');

export interface BootAttempt {
  env: Record<string, string | undefined>;
}
export type BootOutcome = { ok: true } | { ok: false; message: string };

const base = { ...process.env };

process.on('message', (message: { id: number; attempt: BootAttempt }) => {
  const reply = (outcome: BootOutcome) => process.send?.({ id: message.id, outcome });
  for (const key of Object.keys(process.env)) if (!(key in base)) delete process.env[key];
  for (const [key, value] of Object.entries(message.attempt.env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIR })
    .load()
    .then(
      async (strapi) => {
        await strapi.destroy();
        reply({ ok: true });
      },
      (error: unknown) => reply({ ok: false, message: error instanceof Error ? error.message : String(error) })
    );
});
