import type { ServedFile } from '../alt-text/localized';

/** Serves the texts of one locale for a batch of files (one query). */
export type ServeTexts = (files: ServedFile[], locale: string) => Promise<Map<number, string | null>>;

interface Waiting {
  file: ServedFile;
  locale: string;
  settle(text: string | null): void;
}

/**
 * Gathers the alt texts GraphQL asks for one field at a time into one lookup per locale: every
 * `load` made before the event loop turns (the siblings of a list, the files of one association)
 * shares one query. A lookup that fails serves each file its own text (`onError` is told once).
 */
export const createTextBatches = (serve: ServeTexts, onError: (error: unknown) => void) => {
  let waiting: Waiting[] = [];

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
      if (waiting.length === 0) setImmediate(() => void flush());
      return new Promise((settle) => waiting.push({ file, locale, settle }));
    },
  };
};

export type TextBatches = ReturnType<typeof createTextBatches>;
