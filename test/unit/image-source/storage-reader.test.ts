import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createLocalReader, readAll, StorageReadError, type StorageReader } from '../../../server/src/image-source/storage-reader';
import type { StoredObject } from '../../../server/src/image-source/types';

const stored = (hash: string, ext = '.png', extra: Partial<StoredObject> = {}): StoredObject => ({
  hash,
  ext,
  mime: 'image/png',
  url: `/uploads/${hash}${ext}`,
  ...extra,
});

/** A reader over fixed bytes that records how much of them was pulled. */
const streamingReader = (bytes: Buffer, declaredLength?: number) => {
  const state = { pulled: 0 };
  const reader: StorageReader = {
    async open() {
      const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
      const stream = Readable.from(
        (function* () {
          for (const chunk of chunks) {
            state.pulled += chunk.length;
            yield chunk;
          }
        })()
      );
      return { stream, length: declaredLength };
    },
  };
  return { reader, state };
};

describe('reading a local upload: the upload folder and nothing else', () => {
  let root: string;
  let uploads: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'alt-reader-'));
    uploads = path.join(root, 'public', 'uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(path.join(uploads, 'cat_abc123.png'), 'cat bytes');
    writeFileSync(path.join(root, 'secret.png'), 'secret bytes');
    symlinkSync(path.join(root, 'secret.png'), path.join(uploads, 'planted_link.png'));
    mkdirSync(path.join(uploads, 'folder.png'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const read = (object: StoredObject) => readAll(createLocalReader(uploads), object, 1024 * 1024);

  test('a file the local provider wrote is read', async () => {
    expect((await read(stored('cat_abc123'))).toString()).toBe('cat bytes');
  });

  test.each([
    ['a hash that climbs out of the folder', stored('../secret')],
    ['a hash with a slash', stored('x/../../secret')],
    ['an absolute hash', stored('/etc/passwd', '')],
    ['an extension with a path in it', stored('cat_abc123', '.png/../../secret.png')],
    ['a NUL byte', stored('cat_abc123\u0000', '.png')],
  ])('%s is refused as outside the storage', async (_name, object) => {
    await expect(read(object)).rejects.toMatchObject({ kind: 'outside-storage' });
  });

  test('a symlink planted in the upload folder is not followed out of it', async () => {
    await expect(read(stored('planted_link'))).rejects.toMatchObject({ kind: 'outside-storage' });
  });

  test('a directory is not a file', async () => {
    await expect(read(stored('folder'))).rejects.toMatchObject({ kind: 'outside-storage' });
  });

  test('a file that is gone is "missing", and the message names no path', async () => {
    const error = await read(stored('gone_000')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageReadError);
    expect(error).toMatchObject({ kind: 'missing' });
    expect((error as Error).message).not.toContain(uploads);
  });
});

describe('the byte cap applies before decoding, and before reading when the size is known', () => {
  const MB = 1024 * 1024;

  test('a file Strapi recorded as bigger than the cap is refused without opening it', async () => {
    const { reader, state } = streamingReader(Buffer.alloc(3 * MB));
    await expect(readAll(reader, stored('big', '.png', { size: 3 * 1024 }), 2 * MB)).rejects.toMatchObject({ kind: 'too-large' });
    expect(state.pulled).toBe(0);
  });

  test('a declared Content-Length over the cap is refused without reading the body', async () => {
    const { reader, state } = streamingReader(Buffer.alloc(3 * MB), 3 * MB);
    await expect(readAll(reader, stored('big'), 2 * MB)).rejects.toMatchObject({ kind: 'too-large' });
    expect(state.pulled).toBe(0);
  });

  test('an undeclared body stops being read as soon as it passes the cap', async () => {
    const { reader, state } = streamingReader(Buffer.alloc(8 * MB));
    await expect(readAll(reader, stored('big'), 2 * MB)).rejects.toMatchObject({ kind: 'too-large' });
    expect(state.pulled).toBeLessThanOrEqual(2 * MB + 65536);
  });

  test('a body within the cap is returned whole', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const { reader } = streamingReader(bytes, bytes.length);
    expect((await readAll(reader, stored('ok'), 2 * MB)).equals(bytes)).toBe(true);
  });
});
