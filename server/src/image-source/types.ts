import type { ImageInput } from '../providers/types';

/** The columns of `plugin::upload.file` that delivery needs. */
export interface StoredFile {
  id: number;
  name: string;
  hash: string;
  ext?: string | null;
  mime: string;
  url: string;
  path?: string | null;
  provider?: string | null;
  alternativeText?: string | null;
  width?: number | null;
  height?: number | null;
  size?: number | null;
}

export type DeliveryStrategy = 'presigned' | 'public';

/** What the provider is given, and which strategy produced it (recorded so a failure can say). */
export interface ResolvedImage {
  image: ImageInput;
  strategy: DeliveryStrategy;
}
