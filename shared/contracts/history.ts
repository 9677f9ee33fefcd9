/** Who changed alt text, and how (`/auto-alt-text/media/:id/history`, issue 15). */

/** What happened to one image's alt text in one locale (`decorative` / `undecorative`: an editor marked or unmarked the image). */
export type AltTextChangeKind = 'generated' | 'edited' | 'imported' | 'approved' | 'reverted' | 'decorative' | 'undecorative';

/** Who made a change: an admin user, the provider (through the queue), or code with no user (a script, a seed). */
export type AltTextActor = { kind: 'user'; id: number; name: string } | { kind: 'provider'; name: string } | { kind: 'system' };
