/** "#12 cat.png": how a file is named in logs and errors. Never a URL. */
export const fileLabel = (file: { id: number | string; name?: string | null }): string =>
  `#${file.id}${file.name ? ` "${file.name.replace(/[\r\n"]+/g, ' ').slice(0, 120)}"` : ''}`;

export const isImageMime = (mime: string | null | undefined): boolean => /^image\//i.test(mime ?? '');
