/** Uploads one file through the real content API, exactly as a client would. */
export interface UploadedFile {
  id: number;
  name: string;
  url: string;
  mime: string;
  alternativeText: string | null;
}

export async function uploadThroughApi(
  app: { url: string; apiToken: string },
  file: { bytes: Buffer; name: string; mime: string }
): Promise<{ status: number; files: UploadedFile[]; elapsedMs: number }> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.name);
  const started = performance.now();
  const response = await fetch(`${app.url}/api/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.apiToken}` },
    body: form,
  });
  const elapsedMs = performance.now() - started;
  const body = (await response.json()) as UploadedFile[] | { error: unknown };
  return { status: response.status, files: Array.isArray(body) ? body : [], elapsedMs };
}
