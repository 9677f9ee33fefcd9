/**
 * Questions being asked right now in this process, by cache key: a second job with the same
 * question (the same bytes uploaded twice in one request) waits for the first one's answer instead
 * of paying for its own. Process-wide on purpose: every job of this process shares it. Other
 * replicas are not waited for (each may ask once).
 */
const asking = new Map<string, Promise<void>>();

export interface Question {
  /** This job asks; the others wait until `release`. */
  release(): void;
}

/** Resolves once nobody in this process is asking `key`. */
export const answeredElsewhere = (key: string): Promise<void> | undefined => asking.get(key);

/** Marks `key` as being asked by the caller; undefined when someone else already asks it. */
export const ask = (key: string): Question | undefined => {
  if (asking.has(key)) return undefined;
  let done!: () => void;
  asking.set(key, new Promise<void>((resolve) => (done = resolve)));
  return {
    release() {
      if (!done) return;
      asking.delete(key);
      done();
    },
  };
};
