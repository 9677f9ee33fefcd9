import type { Page } from './common';
import type { MediaItemView } from './media';

/** Review before publish (config `review`): generated text held as a suggestion until an editor decides (`/auto-alt-text/review*`). */

export interface SuggestionView {
  /** The suggestion's id (approve / reject name it). */
  id: number;
  fileId: number;
  locale: string;
  /** The text the provider wrote, awaiting review. */
  text: string;
  provider: string | null;
  lang: string | null;
  createdAt: string;
  /** The image as the media list shows it: its current text and source in `locale`, a thumbnail. */
  image: MediaItemView | null;
  /** A preview large enough to judge the text by (Strapi's medium or small format, else the original; signed when private). */
  previewUrl: string | null;
}

export interface ReviewPage extends Page<SuggestionView> {
  locale: string;
  /** Suggestions awaiting review in every locale the plugin writes. */
  counts: Record<string, number>;
}

/** GET /auto-alt-text/review?page=&pageSize=&locale= — the suggestions awaiting review in one locale, oldest first. */
export declare namespace GetReview {
  interface Response { data: ReviewPage }
}

/** POST /auto-alt-text/review/:id/approve — no `text`: the suggestion is written as the plugin's; with `text`: as the editor's. */
export declare namespace ApproveSuggestion {
  interface Request { body: { text?: string } }
  interface Response { data: { approved: number[] } }
}

/** POST /auto-alt-text/review/:id/reject — drops the suggestion; `regenerate` queues the image again in that locale (one credit, a new suggestion). */
export declare namespace RejectSuggestion {
  interface Request { body: { regenerate?: boolean } }
  interface Response { data: { rejected: number; queued: boolean } }
}

/** POST /auto-alt-text/review/approve — approves these suggestions as they are (the page on screen); ids no longer pending are left out of `approved`. */
export declare namespace ApproveSuggestions {
  interface Request { body: { ids: number[] } }
  interface Response { data: { approved: number[] } }
}
