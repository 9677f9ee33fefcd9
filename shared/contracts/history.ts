/** Who changed alt text, and how (`/auto-alt-text/media/:id/history`, issue 15). */

/** What happened to one image's alt text in one locale (`cached`: the provider's earlier text for the same bytes, reused at no credit; `decorative` / `undecorative`: an editor marked or unmarked the image). */
export type AltTextChangeKind = 'generated' | 'cached' | 'edited' | 'imported' | 'approved' | 'reverted' | 'decorative' | 'undecorative';

/** Who made a change: an admin user, the provider (through the queue), or code with no user (a script, a seed). */
export type AltTextActor = { kind: 'user'; id: number; name: string } | { kind: 'provider'; name: string } | { kind: 'system' };

/** A version's kind: a change, or `original` — the text the image had before the plugin's first change (typed in the Media Library). */
export type AltTextVersionKind = AltTextChangeKind | 'original';

/** One version of an image's alt text in one locale. */
export interface AltTextVersionView {
  id: number;
  fileId: number;
  locale: string;
  text: string;
  kind: AltTextVersionKind;
  actor: AltTextActor;
  /** For generated text: the provider and the language it was asked for. */
  provider: string | null;
  lang: string | null;
  jobId: number | null;
  createdAt: string;
  /** The newest version, and the image's text in this locale still is its text (not changed since outside the plugin). */
  current: boolean;
}

/** GET /auto-alt-text/media/:id/history?locale=&page=&pageSize= — newest first; `locale`: default locale when absent. `currentText`: the text the image has now in that locale. */
export declare namespace GetHistory {
  interface Response { data: { rows: AltTextVersionView[]; total: number; page: number; pageSize: number; locale: string; currentText: string | null } }
}

/** POST /auto-alt-text/media/:id/revert — restores one version's text in its locale, as a person's choice (fill runs keep it); itself a new `reverted` version. */
export declare namespace RevertVersion {
  interface Request { body: { versionId: number } }
  interface Response { data: AltTextVersionView }
}
