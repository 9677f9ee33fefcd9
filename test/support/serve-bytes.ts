import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedBytes {
  url: string;
  close(): Promise<void>;
}

/** Serves fixed bytes at /image on a loopback port; any other path is a 404. */
export async function serveBytes(bytes: Buffer, contentType: string): Promise<ServedBytes> {
  const server = createServer((request, response) => {
    if (request.url !== '/image') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': bytes.length }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/image`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
