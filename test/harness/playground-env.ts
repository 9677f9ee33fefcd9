/**
 * The environment a playground Strapi app boots with, built in one place for every test harness
 * and the demo: the six secrets, the database and the S3 bucket. Callers add what differs between
 * them (NODE_ENV, HOST, PORT, plugin settings).
 */
import { randomBytes } from 'node:crypto';
import type { TestDatabaseInfo } from './test-database';

/** The secrets Strapi needs at boot; without JWT_SECRET users-permissions appends one to `.env`. */
export const SECRET_KEYS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;
export type AppSecrets = Record<(typeof SECRET_KEYS)[number], string>;

const secret = () => randomBytes(16).toString('base64');

export const newAppSecrets = (): AppSecrets => ({
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
});

export interface S3Env {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The app's prefix in the bucket; absent = the bucket's root. */
  rootPath?: string;
}

export interface PlaygroundEnvOptions {
  s3: S3Env;
  database: Pick<TestDatabaseInfo, 'env'>;
  /** The secrets of an earlier boot, to come back as the same app; absent = new ones. */
  secrets?: AppSecrets;
}

export const playgroundEnv = ({ s3, database, secrets = newAppSecrets() }: PlaygroundEnvOptions): Record<string, string> => ({
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  ...secrets,
  ...database.env,
  S3_ENDPOINT: s3.endpoint,
  S3_REGION: s3.region,
  S3_BUCKET: s3.bucket,
  ...(s3.rootPath ? { S3_ROOT_PATH: s3.rootPath } : {}),
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
});
