/**
 * Removes secrets from text that may reach a log, an error or a response: every known secret
 * value, and the signature part of any presigned or plugin-signed URL.
 */
const SIGNATURE_PARAMS = /([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|sig|signature|token|key)=)[^&#\s"']+/gi;

export const redact = (text: string, secrets: readonly (string | undefined)[] = []): string => {
  let out = text.replace(SIGNATURE_PARAMS, '$1[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
};

/** "…4f2a": enough for a human to recognise a key, useless to anyone else. */
export const keyHint = (key: string | undefined): string | undefined =>
  key && key.length >= 8 ? `…${key.slice(-4)}` : key ? '…' : undefined;
