import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startDaemon, type Daemon } from './child-daemon';
import { confPath, logDir, monDataDir, osdDataDir, renderCephConf } from './ceph-conf';
import { s3ClientFor } from './client';
import { randomCredentials } from './credentials';
import { freePort } from './free-port';
import { LOCAL_S3_REGION, type HarnessLog, type LocalS3 } from './local-s3';
import { runCommand, withRetries } from './run-command';
import { waitForHttp, waitForOwnListener } from './wait-for-http';

export interface RadosgwOptions {
  /** S3 port; a free one when omitted. */
  port?: number;
  /** Parent of the instance's fresh temp dir (default: the OS temp dir). */
  dataDir?: string;
  log?: HarnessLog;
  /** Ceiling for the whole start (default 60 s; it normally takes ~1.5 s). */
  timeoutMs?: number;
}

export const RADOSGW_BINARIES = ['radosgw', 'radosgw-admin', 'ceph-mon', 'ceph-osd', 'monmaptool', 'ceph'];

/** Starts a fresh, empty Ceph cluster with radosgw and one S3 user with random keys. */
export async function startRadosgw(options: RadosgwOptions = {}): Promise<LocalS3> {
  // A port picked by freePort() can be taken before ceph-mon or radosgw binds it: start over.
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRadosgwOnce(options);
    } catch (error) {
      const portRace = error instanceof Error && /address already in use/i.test(error.message);
      if (!portRace || attempt >= attempts) throw error;
      options.log?.(`radosgw: port taken during start, retrying (${attempt}/${attempts})`);
    }
  }
}

async function startRadosgwOnce(options: RadosgwOptions): Promise<LocalS3> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const elapsed = (): string => `${Date.now() - startedAt} ms`;
  const deadline = startedAt + (options.timeoutMs ?? 60_000);

  const dir = mkdtempSync(join(options.dataDir ?? tmpdir(), 'radosgw-'));
  const daemons: Daemon[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(daemons.map((daemon) => daemon.kill()));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const [monPort, rgwPort] = await twoDistinctPorts(options.port);
    const fsid = randomUUID();
    for (const sub of [monDataDir(dir), osdDataDir(dir), logDir(dir), join(dir, 'run')]) mkdirSync(sub);
    writeFileSync(confPath(dir), renderCephConf({ dir, fsid, monPort, rgwPort }));
    const conf = ['-c', confPath(dir)];
    const retryLog = (error: unknown, attempt: number): void =>
      log(`radosgw: retrying after attempt ${attempt}: ${String(error).split('\n')[0]}`);
    const ceph = (...args: string[]): Promise<string> =>
      withRetries(5, 300, () => runCommand('ceph', [...conf, '--connect-timeout', '10', ...args]), retryLog);
    const daemon = (name: string, command: string, args: string[], cephLogName: string): Daemon => {
      const started = startDaemon({
        name,
        command,
        args: [...conf, ...args],
        outputFile: join(logDir(dir), `${name}.out`),
        logFiles: [join(logDir(dir), `${cephLogName}.log`)],
      });
      daemons.push(started);
      return started;
    };

    const monmap = join(dir, 'monmap');
    await runCommand('monmaptool', [...conf, '--create', '--fsid', fsid, '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, monmap]);
    await runCommand('ceph-mon', [...conf, '-i', 'a', '--mkfs', '--monmap', monmap]);
    const mon = daemon('ceph-mon', 'ceph-mon', ['-i', 'a', '-f'], 'mon.a');
    await waitForOwnListener(mon, monPort, deadline);
    log(`radosgw: ceph-mon pid ${mon.pid} on 127.0.0.1:${monPort} (${elapsed()})`);

    // Registering osd.0 and its CRUSH location from the CLI, before the OSD boots, is what
    // makes startup reliable. The first calls rarely race the new mon's fsid: hence the retries.
    const osdUuid = randomUUID();
    await failFastIfDead(mon, ceph('osd', 'new', osdUuid, '0'));
    await failFastIfDead(mon, ceph('osd', 'crush', 'add', 'osd.0', '1.0', 'root=default', 'host=localhost'));
    await runCommand('ceph-osd', [...conf, '-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
    const osd = daemon('ceph-osd', 'ceph-osd', ['-i', '0', '-f'], 'osd.0');
    const rgw = daemon('radosgw', 'radosgw', ['-n', 'client.rgw', '-f'], 'client.rgw');
    log(`radosgw: ceph-osd pid ${osd.pid}, radosgw pid ${rgw.pid} (${elapsed()})`);

    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await waitForOwnListener(rgw, rgwPort, deadline);
    await waitForHttp(endpoint, [mon, osd, rgw], deadline);
    log(`radosgw: S3 answering at ${endpoint} (${elapsed()})`);

    const credentials = randomCredentials();
    await withRetries(3, 300, () =>
      runCommand('radosgw-admin', [
        ...conf,
        'user', 'create', '--uid=test', '--display-name=test',
        `--access-key=${credentials.accessKeyId}`, `--secret-key=${credentials.secretAccessKey}`,
      ]),
      retryLog,
    );
    log(`radosgw: ready in ${elapsed()} (dir ${dir})`);

    const s3: LocalS3 = {
      kind: 'radosgw',
      endpoint,
      region: LOCAL_S3_REGION,
      ...credentials,
      async createBucket(name) {
        // No ACL given: radosgw makes the bucket private to its owner.
        const client = s3ClientFor(s3);
        try {
          await client.send(new CreateBucketCommand({ Bucket: name }));
        } finally {
          client.destroy();
        }
      },
      stop,
    };
    return s3;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function twoDistinctPorts(requestedS3Port: number | undefined): Promise<[number, number]> {
  const s3Port = requestedS3Port ?? (await freePort());
  let monPort = await freePort();
  while (monPort === s3Port) monPort = await freePort();
  return [monPort, s3Port];
}

/** A mon that died (e.g. its port was taken) makes CLI calls hang until timeout: report the death instead. */
async function failFastIfDead<T>(daemon: Daemon, pending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const death = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const reason = daemon.exitReason();
      if (reason !== null) reject(new Error(`${daemon.name} died at start (${reason}):\n${daemon.logTail()}`));
    }, 50);
  });
  try {
    return await Promise.race([pending, death]);
  } finally {
    clearInterval(timer);
  }
}
