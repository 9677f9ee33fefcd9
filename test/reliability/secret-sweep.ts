import type { Core } from '@strapi/strapi';
import type { Emulator } from '../../emulator/server';
import type { Api } from './admin';

/**
 * The secrets check of the reliability suite. Over a whole test file it records every log line the
 * app writes (all levels, including Strapi's `http` request log), every admin API response the
 * tests saw, and at the end every admin GET route's answer and the plugin's own tables; then
 * looks in all of it for the API key and for signature values.
 *
 * Signature values: every `X-Amz-Signature` and `sig` of a URL handed to the provider (from the
 * emulator's recorded requests), and any `X-Amz-Signature=<hex>` / `sig=<hex>` at all — except in a
 * `thumbnailUrl` of `GET /media`, which is the upload provider's own presigned admin thumbnail
 * (what Strapi's Media Library shows the logged-in admin; the plugin never hands it out).
 */
const LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
const SIGNATURE_PATTERN = /(?:X-Amz-Signature|[?&]sig)=([0-9a-f]{16,})/gi;

export interface SecretWatch {
  lines: string[];
  texts: Array<{ where: string; text: string }>;
  /** Records a text that left the app (an API response, an error message). */
  record(where: string, text: string): void;
  restore(): void;
}

export function watchSecrets(strapi: Core.Strapi): SecretWatch {
  const lines: string[] = [];
  const texts: Array<{ where: string; text: string }> = [];
  const log = strapi.log as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const level of LEVELS) {
    const original = log[level];
    if (typeof original !== 'function') continue;
    originals.set(level, original);
    log[level] = (...args: unknown[]) => {
      lines.push(`${level}: ${args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message} ${arg.stack ?? ''}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`);
      return original.apply(strapi.log, args);
    };
  }
  return {
    lines,
    texts,
    record: (where, text) => texts.push({ where, text }),
    restore() {
      for (const [level, original] of originals) log[level] = original;
    },
  };
}

/** Signature values of every URL the emulator was handed. */
export const handedSignatures = (emulator: Pick<Emulator, 'requests'>): string[] => {
  const values = new Set<string>();
  for (const request of emulator.requests) {
    if (!request.imageUrl) continue;
    const url = new URL(request.imageUrl);
    for (const name of ['X-Amz-Signature', 'sig']) {
      const value = url.searchParams.get(name);
      if (value) values.add(value);
    }
  }
  return [...values];
};

const withoutThumbnails = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), (key, value: unknown) => (key === 'thumbnailUrl' ? '[upload provider thumbnail]' : value));
  } catch {
    return text;
  }
};

export interface SweepResult {
  /** Where a secret was found: "log line 12: …". Empty when clean. */
  findings: string[];
  /** How much was looked at. */
  scanned: { logLines: number; responses: number; jobs: number; runs: number; provenance: number; signaturesHanded: number };
}

/**
 * Reads every admin GET route (as `admin`), the jobs/runs/provenance tables and the queue state,
 * adds what `watch` recorded, and looks for `secrets` (the API key…) and signatures.
 */
export async function sweepForSecrets(options: {
  strapi: Core.Strapi;
  watch: SecretWatch;
  admin?: Api;
  secrets: string[];
  /** Extra signature values known to have been handed out (e.g. plugin-signed URLs a test made). */
  signatures?: string[];
  emulator?: Pick<Emulator, 'requests'>;
}): Promise<SweepResult> {
  const { strapi, watch } = options;
  const collected: Array<{ where: string; text: string }> = [...watch.texts];

  if (options.admin) {
    const gets = ['/auto-alt-text/settings', '/auto-alt-text/credits', '/auto-alt-text/status', '/auto-alt-text/runs'];
    for (const path of gets) collected.push({ where: `GET ${path}`, text: (await options.admin('GET', path)).text });
    const runs = (await options.admin('GET', '/auto-alt-text/runs')).body?.data ?? [];
    for (const run of runs as Array<{ id: number }>) {
      collected.push({ where: `GET /auto-alt-text/runs/${run.id}`, text: (await options.admin('GET', `/auto-alt-text/runs/${run.id}`)).text });
    }
    for (let page = 1; page <= 50; page += 1) {
      const failures = await options.admin('GET', `/auto-alt-text/failures?page=${page}&pageSize=100`);
      collected.push({ where: `GET /auto-alt-text/failures?page=${page}`, text: failures.text });
      if ((failures.body?.data?.rows ?? []).length < 100) break;
    }
    for (const filter of ['all', 'missing', 'generated', 'human']) {
      for (let page = 1; page <= 50; page += 1) {
        const media = await options.admin('GET', `/auto-alt-text/media?filter=${filter}&page=${page}&pageSize=100`);
        collected.push({ where: `GET /auto-alt-text/media?filter=${filter}&page=${page}`, text: media.text });
        if ((media.body?.data?.rows ?? []).length < 100) break;
      }
    }
  }

  const jobs = (await strapi.db.query('plugin::auto-alt-text.job').findMany({})) as unknown[];
  const runs = (await strapi.db.query('plugin::auto-alt-text.run').findMany({})) as unknown[];
  const provenance = (await strapi.db.query('plugin::auto-alt-text.provenance').findMany({})) as unknown[];
  const queueState = await strapi.store({ type: 'plugin', name: 'auto-alt-text', key: 'queue-state' }).get({});
  jobs.forEach((row, i) => collected.push({ where: `jobs row ${i}`, text: JSON.stringify(row) }));
  runs.forEach((row, i) => collected.push({ where: `runs row ${i}`, text: JSON.stringify(row) }));
  provenance.forEach((row, i) => collected.push({ where: `provenance row ${i}`, text: JSON.stringify(row) }));
  collected.push({ where: 'queue state', text: JSON.stringify(queueState ?? null) });
  watch.lines.forEach((line, i) => collected.push({ where: `log line ${i}`, text: line }));

  const signatures = [...handedSignatures(options.emulator ?? { requests: [] }), ...(options.signatures ?? [])];
  const secrets = options.secrets.filter((secret) => secret.length >= 8);
  const findings: string[] = [];
  const show = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300);
  for (const { where, text } of collected) {
    for (const secret of secrets) if (text.includes(secret)) findings.push(`${where} contains the API key: ${show(text)}`);
    for (const signature of signatures) if (text.includes(signature)) findings.push(`${where} contains a signature handed to the provider: ${show(text)}`);
    const scanned = where.startsWith('GET /auto-alt-text/media') ? withoutThumbnails(text) : text;
    for (const match of scanned.matchAll(SIGNATURE_PATTERN)) findings.push(`${where} contains a signature (${match[0].slice(0, 24)}…): ${show(scanned)}`);
  }
  return {
    findings: [...new Set(findings)],
    scanned: {
      logLines: watch.lines.length,
      responses: collected.filter((entry) => entry.where.startsWith('GET') || entry.where.startsWith('POST') || entry.where.startsWith('PUT')).length,
      jobs: jobs.length,
      runs: runs.length,
      provenance: provenance.length,
      signaturesHanded: signatures.length,
    },
  };
}
