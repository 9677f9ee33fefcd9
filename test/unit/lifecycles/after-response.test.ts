import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { afterResponse, WAKE_WITHOUT_RESPONSE_MS } from '../../../server/src/lifecycles/upload-source';

/** Strapi as the upload hook sees it: only the request it is serving (none for server code). */
const strapiServing = (res?: ServerResponse) => ({ requestContext: { get: () => (res ? { res } : undefined) } }) as unknown as Core.Strapi;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('waking the worker after an upload', () => {
  test('during a request it wakes once the response is sent, once however many files the request created', async () => {
    const events: string[] = [];
    const server = createServer((_req, res) => {
      // Three files' afterCreate, while the upload request is still being answered.
      for (let i = 0; i < 3; i++) afterResponse(strapiServing(res), () => events.push('wake'));
      setTimeout(() => {
        events.push('response sent');
        res.end('created');
      }, 30);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        request({ port, host: '127.0.0.1', path: '/upload', method: 'POST' }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
      await sleep(20);
      expect(events).toEqual(['response sent', 'wake']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a request whose client goes away still wakes it', async () => {
    let woken = false;
    const server = createServer((_req, res) => afterResponse(strapiServing(res), () => (woken = true)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = request({ port, host: '127.0.0.1', path: '/upload', method: 'POST' }).on('error', () => undefined);
      client.end();
      await sleep(50);
      expect(woken).toBe(false);
      client.destroy();
      await sleep(50);
      expect(woken).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('without a request (server code) it wakes shortly after, not during the caller’s turn', async () => {
    let woken = false;
    afterResponse(strapiServing(), () => (woken = true));
    await sleep(0);
    expect(woken).toBe(false);
    await sleep(WAKE_WITHOUT_RESPONSE_MS + 20);
    expect(woken).toBe(true);
  });
});
