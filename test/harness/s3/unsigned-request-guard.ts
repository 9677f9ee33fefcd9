import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * s3rver checks a signature only when one is present and serves unsigned requests anonymously,
 * so every object would look public. This guard answers 403 like a private S3 bucket does,
 * unless the request carries a SigV4 signature (header or presigned query) for this
 * instance's own access key. s3rver then verifies the signature and expiry itself.
 * CORS preflights pass: S3 answers them unsigned too.
 */
export function refusesUnsigned(request: IncomingMessage, response: ServerResponse, accessKeyId: string): boolean {
  if (request.method === 'OPTIONS') return false;
  const credentialKey = sigV4AccessKeyId(request);
  if (credentialKey === accessKeyId) return false;
  const message = credentialKey === null ? 'Anonymous access is forbidden for this resource' : 'Unknown access key';
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`;
  response.writeHead(403, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
  return true;
}

/** The access key id of a SigV4 request, or null when the request is not SigV4-signed. */
function sigV4AccessKeyId(request: IncomingMessage): string | null {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    return /Credential=([^/,\s]+)\//.exec(authorization)?.[1] ?? '';
  }
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  if (query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    return query.get('X-Amz-Credential')?.split('/')[0] ?? '';
  }
  return null;
}
