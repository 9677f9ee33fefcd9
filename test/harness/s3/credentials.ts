import { randomBytes } from 'node:crypto';

/** Random per-instance keys, so a URL signed for one instance proves nothing on another. */
export function randomCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return {
    // Hex only: the keys travel as command-line arguments, so no shell- or URL-special characters.
    accessKeyId: randomBytes(10).toString('hex').toUpperCase(),
    secretAccessKey: randomBytes(20).toString('hex'),
  };
}
