import type { MediaItemView } from './media';

/**
 * POST /auto-alt-text/media/:id/decorative — `true`: mark the image decorative (alt="" in every
 * locale, covered, never described); `false`: unmark it (its texts are missing again) or dismiss a
 * suggestion. Answers the image as the list shows it, in the default locale.
 */
export declare namespace SetDecorative {
  interface Request { body: { decorative: boolean } }
  interface Response { data: MediaItemView }
}
