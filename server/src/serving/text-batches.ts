import type { ServedFile } from '../alt-text/localized';

/** Serves the texts of one locale for a batch of files (one query). */
export type ServeTexts = (files: ServedFile[], locale: string) => Promise<Map<number, string | null>>;

interface Waiting {
  file: ServedFile;
  locale: string;
  settle(text: string | null): void;
}

/**
 * How long a batch stays open. GraphQL loads each association of each entry with its own query;
 * on a database behind a socket (PostgreSQL, MySQL) those answer one after another, so the
 * alt-text fields arrive over tens of milliseconds, a few milliseconds apart (measured on
 * PostgreSQL: 30 fields of 6 articles over 57 ms, gaps up to 8 ms). A batch closes once no field
 * has come for `quietMs`, or `maxWaitMs` after it opened. The response waits about `quietMs` after
 * its last field (the loads before it were still under way anyway): about 10 ms on a 150–250 ms
 * response, for one lookup instead of one per event-loop turn (27–31 per response for 25
 * articles on PostgreSQL/MariaDB when a batch closed after one turn).
 */
export interface BatchWindow {
  quietMs: number;
  maxWaitMs: number;
}

export const DEFAULT_BATCH_WINDOW: BatchWindow = { quietMs: 10, maxWaitMs: 250 };

/**
 * Gathers the alt texts GraphQL asks for one field at a time into one lookup per locale: every
 * `load` made while a batch is open (see `BatchWindow`) shares one query. A lookup that fails
 * serves each file its own text (`onError` is told once).
 */
export const createTextBatches = (serve: ServeTexts, onError: (error: unknown) => void, window: BatchWindow = DEFAULT_BATCH_WINDOW, now: () => number = Date.now) => {
  let waiting: Waiting[] = [];
  let openedAt = 0;
  let lastLoadAt = 0;

  /** Closes the batch once loads have stopped coming for `quietMs`, or it has been open `maxWaitMs`. */
  const closeWhenQuiet = () => {
    const at = now();
    const quietFor = at - lastLoadAt;
    const openFor = at - openedAt;
    if (quietFor < window.quietMs && openFor < window.maxWaitMs) {
      setTimeout(closeWhenQuiet, Math.min(window.quietMs - quietFor, window.maxWaitMs - openFor));
      return;
    }
    void flush();
  };

  const flush = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    const byLocale = new Map<string, Waiting[]>();
    for (const item of batch) byLocale.set(item.locale, [...(byLocale.get(item.locale) ?? []), item]);
    await Promise.all(
      [...byLocale].map(async ([locale, items]) => {
        const files = new Map(items.map((item) => [item.file.id, item.file]));
        let served = new Map<number, string | null>();
        try {
          served = await serve([...files.values()], locale);
        } catch (error) {
          onError(error);
        }
        for (const item of items) item.settle(served.has(item.file.id) ? (served.get(item.file.id) ?? null) : item.file.alternativeText);
      })
    );
  };

  return {
    load(file: ServedFile, locale: string): Promise<string | null> {
      lastLoadAt = now();
      if (waiting.length === 0) {
        openedAt = lastLoadAt;
        setTimeout(closeWhenQuiet, window.quietMs);
      }
      return new Promise((settle) => waiting.push({ file, locale, settle }));
    },
  };
};

export type TextBatches = ReturnType<typeof createTextBatches>;
